/**
 * Interrupts: while a command writes its output, SIGINT and SIGTERM abort the write instead of
 * killing the process, so the staging folder is removed and the previous output kept.
 */

/** Thrown when the run was interrupted by a signal. */
export class Interrupted extends Error {
  /** The signal received. */
  readonly signal: NodeJS.Signals;

  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; the previous output was kept`);
    this.name = "Interrupted";
    this.signal = signal;
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/**
 * Runs `work` with SIGINT/SIGTERM turned into an abort of the signal it gets.
 * @throws Interrupted when a signal arrived, after `work` has cleaned up.
 */
export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    received ??= name;
    controller.abort(new Interrupted(name));
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  try {
    const result = await work(controller.signal);
    if (received) throw new Interrupted(received);
    return result;
  } catch (error) {
    throw received ? new Interrupted(received) : error;
  } finally {
    for (const name of SIGNALS) process.off(name, onSignal);
  }
}
