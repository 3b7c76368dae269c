import { describe, expect, it } from "vitest";
import { Interrupted, pauses, untilAborted } from "../../cli/signals.js";

/** A promise that never settles: work on another thread that would take forever. */
const never = () => new Promise<never>(() => undefined);

describe("waiting for other threads under an abort signal", () => {
  it("gives the work's result when the signal never aborts", async () => {
    await expect(untilAborted(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });

  it("gives the work's failure when it fails first", async () => {
    await expect(
      untilAborted(Promise.reject(new Error("worker stopped")), new AbortController().signal),
    ).rejects.toThrow("worker stopped");
  });

  it("throws the signal's reason as soon as it aborts, without waiting for the work", async () => {
    const controller = new AbortController();
    const waiting = untilAborted(never(), controller.signal);
    controller.abort(new Interrupted("SIGINT"));
    await expect(waiting).rejects.toBeInstanceOf(Interrupted);
  });

  it("throws at once when the signal had already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Interrupted("SIGTERM"));
    await expect(untilAborted(Promise.resolve(1), controller.signal)).rejects.toThrow("interrupted by SIGTERM");
  });
});

describe("pauses in a long loop on the main thread", () => {
  it("lets the event loop run once the interval has passed, so an abort from a timer is seen", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Interrupted("SIGINT")), 5);
    const pause = pauses(controller.signal, 1);
    const start = performance.now();
    const loop = async () => {
      for (;;) {
        while (performance.now() - start < 2) {
          // a step of synchronous work
        }
        await pause();
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(Interrupted);
  });

  it("does nothing without a signal (a worker thread is stopped from outside)", async () => {
    const pause = pauses(undefined, 0);
    await expect(pause()).resolves.toBeUndefined();
  });
});
