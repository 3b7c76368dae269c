/** Defaults of the command line's own behaviour (not of the specs: those are in `components/core/defaults.ts`). */
export const CLI_DEFAULTS = {
  /**
   * A run shows progress on a terminal once it has taken this long, milliseconds.
   * @default 1000
   */
  progressDelayMs: 1_000,
  /**
   * Least time between two progress updates, milliseconds.
   * @default 100
   */
  progressIntervalMs: 100,
  /**
   * Most service-region rows `plan` lists one by one; beyond, it shows totals per tier and region (`--verbose` lists every row).
   * @default 40
   */
  summaryRows: 40,
  /**
   * Fewest services worth a thread of their own in `plan` (a worker thread costs about as much to
   * start as planning this many); `--jobs` overrides it.
   * @default 50
   */
  servicesPerThread: 50,
  /**
   * Where `plan` and `check` keep their cache, relative to the working directory (`--cache` overrides it, `--no-cache` turns it off).
   * @default ".reliability-cache"
   */
  cacheDir: ".reliability-cache",
} as const;
