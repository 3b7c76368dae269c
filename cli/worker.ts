/**
 * Entry point of a planning worker thread (bundled as `dist/cli/worker.cjs`): loads the share of
 * the fleet it is given ({@link loadShare}) and posts it; then, sent every service of the stack,
 * plans and writes its share ({@link planShare}), posting progress as it goes and its result at
 * the end. Sent `stop` instead, it ends.
 */

import { parentPort, workerData } from "node:worker_threads";
import type { ResolvedService } from "../components/core/spec/service.js";
import {
  type ChunkProgress,
  type LoadedShare,
  loadShare,
  type PlannedShare,
  planShare,
  type ShareInput,
} from "./fleet/chunk.js";

/** A message a planning worker posts. */
export type WorkerMessage =
  | {
      readonly kind: "progress";
      readonly stage: Parameters<ChunkProgress>[0];
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: "loaded"; readonly result: LoadedShare }
  | { readonly kind: "planned"; readonly result: PlannedShare };

/** A message the main thread posts to a planning worker: the stack's other services, in run order, or stop. */
export type MainMessage =
  | { readonly kind: "plan"; readonly before: readonly ResolvedService[]; readonly after: readonly ResolvedService[] }
  | { readonly kind: "stop" };

if (parentPort) {
  const port = parentPort;
  const input = workerData as ShareInput;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const progress: ChunkProgress = (stage, done, total) => post({ kind: "progress", stage, done, total });
  const loaded = loadShare(input, progress);
  post({ kind: "loaded", result: loaded });
  port.once("message", (message: MainMessage) => {
    if (message.kind === "stop") return;
    const all = [...message.before, ...loaded.services, ...message.after];
    post({ kind: "planned", result: planShare(input, all, loaded.services, progress) });
  });
}
