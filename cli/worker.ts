/**
 * Entry point of a fleet worker thread (bundled as `dist/cli/worker.cjs`): loads the share of the
 * fleet it is given ({@link loadShare}) and posts it; then, sent what the stack-wide planners give
 * each of its services, either plans and writes its share ({@link planShare}) or checks it
 * ({@link checkShare}), posting progress as it goes and its result at the end (a check posts its
 * services' results a few at a time as it goes). Sent `issues`
 * instead, it plans its share for problems only ({@link shareIssues}) and posts them; sent `stop`, it ends.
 */

import { parentPort, workerData } from "node:worker_threads";
import type { StackShare } from "../components/plan/index.js";
import {
  type ChunkProgress,
  crossing,
  type LoadedShare,
  loadShare,
  type PlannedShare,
  planShare,
  type ShareInput,
  type ShareIssues,
  shareIssues,
  type ShareServices,
} from "./fleet/chunk.js";
import type { WorkerShares } from "./fleet/threads.js";
import { type CheckedService, type CheckedShare, checkShare } from "./fleet/check-share.js";

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
  | { readonly kind: "issues"; readonly result: ShareIssues }
  | { readonly kind: "checked-part"; readonly services: readonly CheckedService[] }
  | { readonly kind: "checked"; readonly result: CheckedShare };

/** What the stack-wide planners give each service of the share, by name. */
interface Shares {
  readonly shares: WorkerShares;
}

/**
 * A message the main thread posts to a fleet worker: what each service of its share takes from
 * the rest of the stack and what to do with the share (plan it into `staging`, or check it at
 * `now`, an ISO time, with the spec file of every service of the stack by name); or to plan its
 * share for problems only (the run has problems to report); or stop.
 */
export type MainMessage =
  | (Shares & { readonly kind: "plan"; readonly staging: string })
  | (Shares & { readonly kind: "check"; readonly now: string; readonly files: ReadonlyMap<string, string> })
  | { readonly kind: "issues" }
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
    if (message.kind === "issues")
      return void shareIssues(input, loaded, progress).then((result) => post({ kind: "issues", result }));
    const services: ShareServices = {
      mine: loaded.services,
      sharesOf: (service) => sent(message.shares, service.name),
      sources: loaded.sources,
    };
    if (message.kind === "plan")
      void planShare(input, message.staging, services, progress).then((result) => post({ kind: "planned", result }));
    else {
      const now = new Date(message.now);
      const emit = (part: readonly CheckedService[]) => post({ kind: "checked-part", services: part });
      void checkShare(input.stack, message.files, services, now, { progress, emit }).then((result) =>
        post({ kind: "checked", result }),
      );
    }
  });
}

/** What the main thread sent for a service of the share. */
function sent(shares: WorkerShares, name: string): readonly (StackShare | null)[] {
  const found = shares.get(name);
  if (!found) throw new Error(`the main thread sent nothing for service ${name} of this worker's share`);
  return found;
}
