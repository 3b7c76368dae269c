/**
 * The resilience planner, across the stack: derives every call's settings (`derive.ts`), finds the
 * impossible ones (`budget.ts`), and in every region where both ends run plans the mesh objects of
 * each call to a service of the stack (and, for Istio, of each call to a database or an external
 * endpoint), in the caller's namespace. With `mesh: none` (or no
 * `reliability:mesh`) nothing is emitted; the budgets are still derived, checked and reported. Pure.
 */

import { resourceKey } from "../../core/conventions.js";
import type { DomainPlan, StackDomainPlan } from "../../core/module.js";
import { kubeResource } from "../../core/plan/kube.js";
import type { PlannedResource } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { StackConfig } from "../../core/stack/config.js";
import { graphIssues } from "./budget.js";
import { deriveCalls } from "./derive.js";
import { failureAccrualConflicts } from "./accrual.js";
import { gatewayObjects } from "./mesh/gateway.js";
import { istioBackoff, istioObjects } from "./mesh/istio.js";
import { istioEgressObjects } from "./mesh/istio-egress.js";
import { linkerdObjects } from "./mesh/linkerd.js";
import type { MeshObject } from "./mesh/shared.js";
import { meshStackSchema, type MeshSettings } from "./schema.js";
import type { CallBudget, CalleeFacts } from "./types.js";

const ORIGIN = "spec.dependencies";

/** The stack's mesh setting, defaults applied. */
export function meshOf(stack: StackConfig): MeshSettings {
  return stack.mesh ?? meshStackSchema.parse({});
}

/** The mesh objects of one call, whatever the mesh. */
export function callObjects(
  caller: ResolvedService,
  call: CallBudget,
  callee: CalleeFacts,
  settings: MeshSettings,
): MeshObject[] {
  switch (settings.kind) {
    case "istio":
      return istioObjects(caller, call, callee, settings);
    case "linkerd":
      return linkerdObjects(caller, call, callee);
    case "gateway-api":
      return gatewayObjects(caller, call, callee, settings);
    case "none":
      return [];
  }
}

/** The mesh objects of a call and the regions they go to: where both ends run, or every caller region for a call out of the stack. */
function placedObjects(caller: ResolvedService, call: CallBudget, settings: MeshSettings) {
  const callee = call.callee;
  if (callee)
    return {
      objects: callObjects(caller, call, callee, settings),
      regions: caller.regions.filter((r) => callee.regions.includes(r)),
    };
  const objects = settings.kind === "istio" ? istioEgressObjects(caller, call, settings) : [];
  return { objects, regions: caller.regions };
}

function callResources(caller: ResolvedService, call: CallBudget, settings: MeshSettings): PlannedResource[] {
  const { objects, regions } = placedObjects(caller, call, settings);
  return regions.flatMap((region) =>
    objects.map((o) => ({
      ...kubeResource(
        caller,
        {
          region,
          kind: o.kind,
          type: o.type,
          suffix: `${o.kind.toLowerCase()}-${call.name}`,
          origin: `${ORIGIN}[${call.index}]`,
          opts: { dependsOn: [resourceKey(caller.name, region, "Namespace")] },
        },
        o.body,
      ),
      key: resourceKey(caller.name, region, o.kind, call.name),
    })),
  );
}

function servicePlan(service: ResolvedService, calls: readonly CallBudget[], settings: MeshSettings): DomainPlan {
  const resources = calls.flatMap((c) => callResources(service, c, settings));
  return {
    resources,
    analysis: {
      resilience: {
        mesh: settings.kind,
        maxAmplification: settings.maxAmplification,
        calls,
        objects: resources.map((r) => r.key),
      },
    },
  };
}

/** The resilience planner of a whole stack. */
export function planResilience(services: readonly ResolvedService[], stack: StackConfig): StackDomainPlan {
  const settings = meshOf(stack);
  const graph = deriveCalls(services, settings.kind === "istio" ? istioBackoff(settings) : undefined);
  const plans = new Map(services.map((s) => [s.name, servicePlan(s, graph.get(s.name) ?? [], settings)]));
  const meshIssues = settings.kind === "linkerd" ? failureAccrualConflicts(graph) : [];
  return { services: plans, issues: [...graphIssues(graph), ...meshIssues] };
}
