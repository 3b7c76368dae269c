/**
 * Resources added, removed, updated and replaced between two plans, keyed by the plan's resource
 * key. A resource is replaced when a replace-on-change input changes, or when such an input refers
 * to a resource that is itself replaced (its id or ARN changes at deploy time).
 */

import { replacementFacts } from "../../core/aws/replacement.js";
import { isRef, type Plan, type PlannedResource, type PropValue } from "../../core/plan/types.js";
import { fieldChanges } from "./fields.js";
import type { ResourceChange } from "./types.js";

/** Every resource of a plan by key, the stack's shared ones included. */
function byKey(plan: Plan): Map<string, PlannedResource> {
  const all = [...plan.services.flatMap((s) => s.resources), ...(plan.shared?.resources ?? [])];
  return new Map(all.map((r) => [r.key, r] as const));
}

/** Resource changes between two plans, in the after plan's order, deletions last. */
export function resourceChanges(before: Plan, after: Plan): ResourceChange[] {
  const old = byKey(before);
  const now = byKey(after);
  const changes = new Map<string, ResourceChange>();
  for (const [key, r] of now) {
    const was = old.get(key);
    if (!was) changes.set(key, change(r, "create", false, []));
    else if (was.type !== r.type)
      changes.set(key, { ...change(r, "replace", protect(was), []), reason: `type ${was.type} → ${r.type}` });
    else {
      const fields = fieldChanges(was, r);
      if (fields.length === 0) continue;
      const own = fields.filter((f) => f.replaces === r.type).map((f) => f.path.replace(/^props\./, ""));
      changes.set(key, {
        ...change(r, own.length > 0 ? "replace" : "update", protect(was), fields),
        ...(own.length > 0 ? { reason: `${unique(own).join(", ")} cannot change in place` } : {}),
      });
    }
  }
  cascade(now, changes);
  for (const [key, r] of old) if (!now.has(key)) changes.set(key, change(r, "delete", protect(r), []));
  return [...changes.values()];
}

function change(
  r: PlannedResource,
  action: ResourceChange["action"],
  isProtected: boolean,
  fields: ResourceChange["fields"],
): ResourceChange {
  return { key: r.key, type: r.type, service: r.service, region: r.region, action, protected: isProtected, fields };
}

function protect(r: PlannedResource): boolean {
  return r.opts.protect === true;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.split(".")[0] ?? v))];
}

/**
 * Marks as replaced every resource whose replace-on-change input refers to a replaced resource,
 * until nothing more changes (a new KMS key replaces the cluster encrypted with it).
 */
function cascade(now: ReadonlyMap<string, PlannedResource>, changes: Map<string, ResourceChange>): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of now.values()) {
      const current = changes.get(r.key);
      if (current?.action === "replace" || current?.action === "create") continue;
      const via = replacedReference(r, changes);
      if (!via) continue;
      const base = current ?? change(r, "replace", false, []);
      const wasProtected = current?.protected ?? protect(r);
      changes.set(r.key, {
        ...base,
        action: "replace",
        protected: wasProtected,
        reason: `${via.property} refers to ${via.key}, which is replaced`,
      });
      grew = true;
    }
  }
}

function replacedReference(
  r: PlannedResource,
  changes: ReadonlyMap<string, ResourceChange>,
): { property: string; key: string } | undefined {
  const facts = replacementFacts(r.type);
  if (!facts) return undefined;
  for (const property of facts.properties) {
    const key = refs(r.props[property]).find((k) => changes.get(k)?.action === "replace");
    if (key) return { property, key };
  }
  return undefined;
}

function refs(value: PropValue | undefined): string[] {
  if (value === undefined || value === null || typeof value !== "object") return [];
  if (isRef(value)) return [value.ref];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((v: PropValue) => refs(v));
}
