/**
 * Resources added, removed, updated and replaced between two plans, keyed by the plan's resource
 * key. A resource is replaced when a replace-on-change input changes, or when such an input refers
 * to a resource that is itself replaced (its id or ARN changes at deploy time).
 *
 * Keys begin with their service's name, so a service's resources are compared with the same
 * service's resources of the base, one service at a time ({@link pairChanges}); only the cascade of
 * replacements across references runs over the whole stack, on what each resource that can be
 * replaced that way refers to ({@link Cascade}).
 */

import { replacementFacts } from "../../core/aws/replacement.js";
import { type PlannedResource, refKeys } from "../../core/plan/types.js";
import { fieldChanges } from "./fields.js";
import type { ResourceChange } from "./types.js";

/** A change to one resource, and where the resource stands in its side's list. */
export interface PlacedChange {
  /** Index of the resource in the change's list (the base's, for a deletion). */
  readonly at: number;
  readonly change: ResourceChange;
}

/** One side's resources of a service (or of what the stack shares) compared with the other's. */
export interface PairChanges {
  /** Resources created, updated or replaced, in the change's order. */
  readonly changed: readonly PlacedChange[];
  /** Resources of the base the change no longer has, in the base's order. */
  readonly deleted: readonly PlacedChange[];
}

/** Compares the resources of one service (or of what the stack shares) in the base and in the change. */
export function pairChanges(before: readonly PlannedResource[], after: readonly PlannedResource[]): PairChanges {
  const old = new Map(before.map((r) => [r.key, r] as const));
  const now = new Set(after.map((r) => r.key));
  const changed: PlacedChange[] = [];
  for (const [at, r] of after.entries()) {
    const was = old.get(r.key);
    if (!was) changed.push({ at, change: change(r, "create", false, []) });
    else if (was.type !== r.type)
      changed.push({
        at,
        change: { ...change(r, "replace", protect(was), []), reason: `type ${was.type} → ${r.type}` },
      });
    else {
      const fields = fieldChanges(was, r);
      if (fields.length === 0) continue;
      const own = fields.filter((f) => f.replaces === r.type).map((f) => f.path.replace(/^props\./, ""));
      changed.push({
        at,
        change: {
          ...change(r, own.length > 0 ? "replace" : "update", protect(was), fields),
          ...(own.length > 0 ? { reason: `${unique(own).join(", ")} cannot change in place` } : {}),
        },
      });
    }
  }
  const deleted: PlacedChange[] = [];
  for (const [at, r] of before.entries())
    if (!now.has(r.key)) deleted.push({ at, change: change(r, "delete", protect(r), []) });
  return { changed, deleted };
}

/** What the cascade reads of a resource of the change that a replaced reference can replace. */
interface Referrer {
  /** Its place in the change's order. */
  readonly order: number;
  readonly resource: Pick<PlannedResource, "key" | "type" | "service" | "region" | "opts">;
  /** Each replace-on-change input and the keys it refers to. */
  readonly refs: readonly (readonly [string, readonly string[]])[];
}

/**
 * The replacements that spread through references, over the whole stack: fed each resource of the
 * change with its place in the change's order ({@link Cascade.see}) and every direct change, then
 * run once, in the change's order.
 */
export class Cascade {
  readonly #referrers: Referrer[] = [];
  /** Every change so far by key, in the order found; the cascade adds to it and updates it in place. */
  readonly changes = new Map<string, ResourceChange>();

  /** Takes note of a resource of the change and its place in the change's order (only one a reference can replace is kept). */
  see(r: PlannedResource, order: number): void {
    const facts = replacementFacts(r.type);
    if (!facts) return;
    const refs = facts.properties.map((p) => [p, refKeys(r.props[p])] as const).filter(([, keys]) => keys.length > 0);
    if (refs.length > 0)
      this.#referrers.push({
        order,
        resource: { key: r.key, type: r.type, service: r.service, region: r.region, opts: r.opts },
        refs,
      });
  }

  /**
   * Marks as replaced every resource whose replace-on-change input refers to a replaced resource,
   * until nothing more changes (a new KMS key replaces the cluster encrypted with it); the keys it
   * added, in the order added.
   */
  run(): string[] {
    const added: string[] = [];
    this.#referrers.sort((x, y) => x.order - y.order);
    let grew = true;
    while (grew) {
      grew = false;
      for (const { resource: r, refs } of this.#referrers) {
        const current = this.changes.get(r.key);
        if (current?.action === "replace" || current?.action === "create") continue;
        const via = this.#replacedReference(refs);
        if (!via) continue;
        if (!current) added.push(r.key);
        const base = current ?? change(r, "replace", false, []);
        this.changes.set(r.key, {
          ...base,
          action: "replace",
          protected: current?.protected ?? protect(r),
          reason: `${via.property} refers to ${via.key}, which is replaced`,
        });
        grew = true;
      }
    }
    return added;
  }

  #replacedReference(refs: Referrer["refs"]): { property: string; key: string } | undefined {
    for (const [property, keys] of refs) {
      const key = keys.find((k) => this.changes.get(k)?.action === "replace");
      if (key) return { property, key };
    }
    return undefined;
  }
}

function change(
  r: Pick<PlannedResource, "key" | "type" | "service" | "region">,
  action: ResourceChange["action"],
  isProtected: boolean,
  fields: ResourceChange["fields"],
): ResourceChange {
  return { key: r.key, type: r.type, service: r.service, region: r.region, action, protected: isProtected, fields };
}

function protect(r: Pick<PlannedResource, "opts">): boolean {
  return r.opts.protect === true;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.split(".")[0] ?? v))];
}
