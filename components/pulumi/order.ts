import { type PlannedResource, refKeys } from "../core/plan/types.js";

/** Keys of every resource a planned resource refers to (props references and `dependsOn`). */
export function dependenciesOf(resource: PlannedResource): string[] {
  return [...new Set([...(resource.opts.dependsOn ?? []), ...refKeys(resource.props)])];
}

/**
 * Orders resources so each comes after everything it refers to, keeping plan order otherwise.
 * @throws Error on a reference to an unknown key or a cycle.
 */
export function orderByDependencies(resources: readonly PlannedResource[]): PlannedResource[] {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: PlannedResource[] = [];
  const visit = (r: PlannedResource): void => {
    if (done.has(r.key)) return;
    if (visiting.has(r.key)) throw new Error(`internal: reference cycle through ${r.key}`);
    visiting.add(r.key);
    for (const key of dependenciesOf(r)) {
      const dep = byKey.get(key);
      if (!dep) throw new Error(`internal: ${r.key} refers to ${key}, which is not in the plan`);
      visit(dep);
    }
    visiting.delete(r.key);
    done.add(r.key);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}
