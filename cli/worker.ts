/**
 * Entry point of a fleet worker thread (bundled as `dist/cli/worker.cjs`): loads the share of the
 * fleet it is given ({@link loadShare}) and posts it; then, sent every service of the stack, either
 * plans and writes its share ({@link planShare}) or checks it ({@link checkShare}), posting progress
 * as it goes and its result at the end. Sent `stop` instead, it ends.
 */

import { parentPort, workerData } from "node:worker_threads";
import type { ResolvedService } from "../components/core/spec/service.js";
import {
  type ChunkProgress,
  crossing,
  type LoadedShare,
  loadShare,
  type PlannedShare,
  planShare,
  type ShareInput,
} from "./fleet/chunk.js";
import { type CheckedShare, checkShare } from "./fleet/check-share.js";

/** A message a fleet worker posts. */
export type WorkerMessage =
  | {
      readonly kind: "progress";
      readonly stage: Parameters<ChunkProgress>[0];
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: "loaded"; readonly result: LoadedShare }
  | { readonly kind: "planned"; readonly result: PlannedShare }
  | { readonly kind: "checked"; readonly result: CheckedShare };

/** Every service of the stack in run order, the share's own left out (null). */
interface Others {
  readonly all: readonly (ResolvedService | null)[];
}

/**
 * A message the main thread posts to a fleet worker: the stack's other services and what to do
 * with its share (plan it into `staging`, or check it at `now`, an ISO time), or stop.
 */
export type MainMessage =
  | (Others & { readonly kind: "plan"; readonly staging: string })
  | (Others & { readonly kind: "check"; readonly now: string })
  | { readonly kind: "stop" };

if (parentPort) {
  const port = parentPort;
  const input = workerData as ShareInput;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const progress: ChunkProgress = (stage, done, total) => post({ kind: "progress", stage, done, total });
  const loaded = loadShare(input, progress);
  post({ kind: "loaded", result: crossing(loaded) });
  port.once("message", (message: MainMessage) => {
    if (message.kind === "stop") return;
    let own = 0;
    const all = message.all.map((s) => s ?? loaded.services[own++]!);
    if (message.kind === "plan")
      post({ kind: "planned", result: planShare(input, message.staging, all, loaded.services, progress) });
    else {
      const now = new Date(message.now);
      post({ kind: "checked", result: checkShare(input.stack, all, loaded.services, loaded.sources, now, progress) });
    }
  });
}
