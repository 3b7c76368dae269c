/**
 * Interrupts: while a command writes its output, SIGINT and SIGTERM abort the write instead of
 * killing the process, so the staging folder is removed and the previous output kept.
 */

import { CLI_DEFAULTS } from "./defaults.js";

/** Thrown when the run was interrupted by a signal. */
export class Interrupted extends Error {
  /** The signal received. */
  readonly signal: NodeJS.Signals;

  /** `kept` says what the interrupted run left as it was. */
  constructor(signal: NodeJS.Signals, kept = "the previous output was kept") {
    super(`interrupted by ${signal}; ${kept}`);
    this.name = "Interrupted";
    this.signal = signal;
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/**
 * Runs `work` with SIGINT/SIGTERM turned into an abort of the signal it gets; `kept` says, in the
 * error, what an interrupted run leaves as it was.
 * @throws Interrupted when a signal arrived, after `work` has cleaned up.
 */
export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>, kept?: string): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    received ??= name;
    controller.abort(new Interrupted(name, kept));
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  try {
    const result = await work(controller.signal);
    if (received) throw new Interrupted(received, kept);
    return result;
  } catch (error) {
    throw received ? new Interrupted(received, kept) : error;
  } finally {
    for (const name of SIGNALS) process.off(name, onSignal);
  }
}

/**
 * `work`'s result, unless `signal` aborts first: then its reason is thrown at once, so a caller
 * waiting on another thread stops waiting (and can stop that thread) instead of waiting for it to finish.
 * @throws the signal's reason once it aborts.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined); // its outcome no longer matters: never an unhandled rejection
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * For a long loop on the main thread: call the result between steps. At most every `everyMs` of
 * work it lets the event loop run, so a signal is received (and progress drawn), then throws the
 * signal's reason once it has aborted. Without a signal (a worker thread, stopped from outside) it does nothing.
 * @throws the signal's reason once it aborts.
 */
export function pauses(
  signal: AbortSignal | undefined,
  everyMs: number = CLI_DEFAULTS.pauseEveryMs,
): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (!signal) return;
    if (performance.now() - last >= everyMs) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
    signal.throwIfAborted();
  };
}
