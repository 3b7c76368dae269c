/**
 * Entry point of a planning worker thread (bundled as `dist/cli/worker.cjs`): plans the share of
 * the fleet it is given ({@link planChunk}), posting progress as it goes and its result at the end.
 */

import { parentPort, workerData } from "node:worker_threads";
import { type ChunkInput, planChunk } from "./fleet/chunk.js";

/** A message a planning worker posts. */
export type WorkerMessage =
  | {
      readonly kind: "progress";
      readonly stage: "planning services" | "writing files";
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: "done"; readonly result: ReturnType<typeof planChunk> };

if (parentPort) {
  const port = parentPort;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const result = planChunk(workerData as ChunkInput, (stage, done, total) =>
    post({ kind: "progress", stage, done, total }),
  );
  post({ kind: "done", result });
}
