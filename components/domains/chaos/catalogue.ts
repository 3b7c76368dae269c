/**
 * The embedded chaos spec of an experiment: the pods it hits, then its action's fields (from the
 * action's record). Every experiment selects only the running pods of its own service, in its own
 * namespace, whatever its action. It never carries a `duration`: Chaos Mesh's Workflow webhook
 * refuses an embedded chaos with one, and the Workflow template's `deadline` bounds the run instead.
 */

import type { ResolvedService } from "../../core/spec/service.js";
import type { DependencyInput } from "../workload/schema.js";
import type { ChaosActionRecord } from "./actions/action.js";
import type { ResolvedExperiment } from "./resolved.js";
import { chaosTargetLabels } from "../../core/conventions.js";
import { podMode } from "../../core/pod-mode.js";

/** The dependency an experiment targets, when it names one. */
export function targetOf(service: ResolvedService, e: ResolvedExperiment): DependencyInput | undefined {
  return e.target === undefined ? undefined : service.dependencies.find((d) => d.name === e.target);
}

/** Inputs the catalogue needs besides the experiment. */
export interface CatalogueContext {
  /** The service. */
  readonly service: ResolvedService;
  /** Prefix of every service's namespace in the stack (to find another service's namespace). */
  readonly namespacePrefix: string;
}

/** The embedded chaos spec (mode, selector and the action's fields; no `duration`) of an experiment. */
export function chaosSpec(
  action: ChaosActionRecord,
  e: ResolvedExperiment,
  ctx: CatalogueContext,
): Record<string, unknown> {
  const { service } = ctx;
  return {
    ...podMode(e.maxUnavailable),
    selector: {
      namespaces: [service.namespace],
      labelSelectors: chaosTargetLabels(service.name),
      podPhaseSelectors: ["Running"],
    },
    ...action.render(e.params, { service, target: targetOf(service, e), namespacePrefix: ctx.namespacePrefix }),
  };
}
