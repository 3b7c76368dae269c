/**
 * `reliability plan` over a whole fleet: the fleet is loaded on several threads ({@link loadFleet}),
 * then the main thread sends every thread the stack's other services, and each plans its share with the whole
 * stack in view, writing each service's files and its part of `plan.json` into one staging folder
 * as it goes. The main thread joins the parts into `plan.json` and swaps the folder in. Output is
 * the same whatever the number of threads.
 */

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { planProviders, planShared } from "../../components/plan/index.js";
import type { SharedPlan } from "../../components/core/plan/types.js";
import { commitStaging, discardStaging, openStaging, writeStagedFiles } from "../../components/render/files.js";
import { planJsonFrame, sharedFiles } from "../../components/render/index.js";
import type { Progress } from "../progress.js";
import type { SummaryPlan } from "../commands/summary.js";
import { type PlannedShare, planPart, planShare } from "./chunk.js";
import { type FleetFiles, loadFleet, type ShareWorker } from "./threads.js";

/** A fleet to plan and where to write it. */
export interface FleetRun extends FleetFiles {
  /** The output folder (replaced whole). */
  readonly outDir: string;
}

/** What was written. */
export interface FleetOutput {
  /** What the summary reads. */
  readonly summary: SummaryPlan;
  /** Reads the text of `plan.json` back (it is written to the staging folder, then moved into the output folder). */
  readonly planJson: () => string;
  /** Files written, `plan.json` included. */
  readonly written: number;
}

/**
 * Plans the fleet and writes the output folder atomically: on bad input, an interrupt or an error
 * the staging folder is removed and the previous output kept.
 * @throws SpecError naming every problem in every file; Interrupted when `signal` aborts.
 */
export async function planFleet(run: FleetRun, signal: AbortSignal, progress?: Progress): Promise<FleetOutput> {
  const staging = openStaging(run.outDir);
  const workers: ShareWorker[] = [];
  try {
    const fleet = await loadFleet(run, signal, workers, progress);
    const shared = planShared(fleet.all, run.stack);
    const sharedWritten = shared ? sharedFiles(run.stack.stack, shared) : [];
    writeStagedFiles(staging.path, sharedWritten);
    const pending = workers.map((w, i) =>
      w.send<PlannedShare>({ kind: "plan", staging: staging.path, ...fleet.others[i]! }),
    );
    const { input, share } = fleet.own;
    const own = planShare(input, staging.path, fleet.all, share.services, fleet.progress(0));
    const planned = [own, ...(await Promise.all(pending))];
    signal.throwIfAborted();
    const output = writePlanJson(run, staging.path, planned, { plan: shared, files: sharedWritten.length });
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    commitStaging(run.outDir, staging);
    return output;
  } catch (error) {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    discardStaging(staging);
    throw error;
  }
}

/** Writes `plan.json` from each share's part, in order, with what the stack shares, and removes the parts; what the summary reads. */
function writePlanJson(
  run: FleetRun,
  staging: string,
  planned: readonly PlannedShare[],
  own: { readonly plan: SharedPlan | undefined; readonly files: number },
): FleetOutput {
  const shared = own.plan;
  const services = planned.flatMap((p) => p.services);
  const providers = planProviders(run.stack, [...services.flatMap((s) => s.resources), ...(shared?.resources ?? [])]);
  const head = { stack: run.stack.stack, environment: run.stack.environment, providers, ...(shared ? { shared } : {}) };
  const { open, close } = planJsonFrame(head);
  const path = join(staging, "plan.json");
  const fd = openSync(path, "w");
  try {
    writeSync(fd, open);
    let first = true;
    for (const [index, share] of planned.entries()) {
      const part = planPart(staging, index);
      if (share.services.length > 0) {
        if (!first) writeSync(fd, ",");
        writeSync(fd, readFileSync(part));
        first = false;
      }
      rmSync(part);
    }
    writeSync(fd, close);
  } finally {
    closeSync(fd);
  }
  return {
    summary: { stack: head.stack, environment: head.environment, services },
    planJson: () => readFileSync(join(run.outDir, "plan.json"), "utf8"),
    written: planned.reduce((n, p) => n + p.written, 1 + own.files),
  };
}
