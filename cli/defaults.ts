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
   * Fewest services worth a thread of their own in `plan` and `check`: on several threads the main
   * thread only coordinates, and each worker costs about as much CPU time to start and warm up as
   * planning this many services; `--jobs` overrides it.
   * @default 150
   */
  servicesPerThread: 150,
  /**
   * Most output files a planning thread has being written in the background at once (each holds
   * its text, in pooled 64 KB blocks, until it is closed).
   * @default 32
   */
  filesInFlight: 32,
  /**
   * Services a worker thread checks before it sends their results to the main thread (so it never
   * holds its whole share's results, nor sends them in one message).
   * @default 50
   */
  checkedPerMessage: 50,
  /**
   * Most time the main thread plans or checks services without letting the event loop run, so an
   * interrupt is seen at once; milliseconds.
   * @default 50
   */
  pauseEveryMs: 50,
  /**
   * Where `plan` and `check` keep their cache, relative to the working directory (`--cache` overrides it, `--no-cache` turns it off).
   * @default ".reliability-cache"
   */
  cacheDir: ".reliability-cache",
} as const;
