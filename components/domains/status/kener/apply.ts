/**
 * Reads Kener's monitors and applies a change set to them, one request per change, in order.
 */

import type { KenerClient } from "./client.js";
import { KenerError } from "./http.js";
import type { MonitorChange } from "./sync.js";

/** A change set stopped part-way: how many changes were made before the one that failed. */
export class SyncError extends Error {
  constructor(
    message: string,
    /** Changes applied before the failure. */
    readonly applied: number,
    /** The failed request. */
    readonly failure: KenerError,
  ) {
    super(message);
    this.name = "SyncError";
  }
}

async function applyOne(client: KenerClient, change: MonitorChange): Promise<void> {
  if (change.action === "create") await client.createMonitor(change.monitor);
  else if (change.action === "update") await client.updateMonitor(change.tag, change.patch);
  else await client.updateMonitor(change.tag, { status: "INACTIVE" });
}

/**
 * Applies the changes in order and returns how many were applied.
 * @throws SyncError naming the change that failed and how many were applied before it.
 */
export async function applyChanges(client: KenerClient, changes: readonly MonitorChange[]): Promise<number> {
  for (const [i, change] of changes.entries()) {
    try {
      await applyOne(client, change);
    } catch (error) {
      if (!(error instanceof KenerError)) throw error;
      throw new SyncError(
        `cannot ${change.action} monitor ${change.tag} (${i} of ${changes.length} changes applied before it; run the sync again to finish): ${error.message}`,
        i,
        error,
      );
    }
  }
  return changes.length;
}
