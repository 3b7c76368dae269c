import { CLI_DEFAULTS } from "./defaults.js";
import type { Io } from "./io.js";

/** Progress of a long run, shown on one line of a terminal's standard error. */
export interface Progress {
  /** Reports `done` of `total` items of a stage; shown only once the run is slow and not more often than the interval. */
  readonly update: (stage: string, done: number, total: number) => void;
  /** Clears the progress line, if one was shown. */
  readonly end: () => void;
}

/** When progress shows and how often: {@link CLI_DEFAULTS} unless a test says otherwise. */
export interface ProgressTiming {
  /** Milliseconds before the first update shows. */
  readonly delayMs: number;
  /** Least milliseconds between two updates. */
  readonly intervalMs: number;
  /** The clock, milliseconds. */
  readonly now: () => number;
}

const TIMING: ProgressTiming = {
  delayMs: CLI_DEFAULTS.progressDelayMs,
  intervalMs: CLI_DEFAULTS.progressIntervalMs,
  now: () => performance.now(),
};

/** Progress on `io.status` (present only when standard error is a terminal); silent otherwise and for quick runs. */
export function startProgress(io: Io, timing: ProgressTiming = TIMING): Progress {
  const start = timing.now();
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update: (stage, done, total) => {
      if (!io.status) return;
      const now = timing.now();
      if (now - start < timing.delayMs || (now - last < timing.intervalMs && done < total)) return;
      last = now;
      shown = true;
      io.status(`${stage} ${done}/${total}`);
    },
    end: () => {
      if (shown) io.status?.("");
      shown = false;
    },
  };
}
