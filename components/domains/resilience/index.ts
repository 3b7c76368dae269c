/**
 * The resilience domain: timeouts, retries, circuit breaking and fallback of every call a service
 * makes, derived across the stack's call graph, checked along every path (budgets, amplification,
 * deadlines, cycles) and emitted for the stack's mesh (Istio, Linkerd or Gateway API).
 */

import type { DomainModule } from "../../core/module.js";
import { resilienceChecks } from "./checks.js";
import { RESILIENCE_FIELD_DOCS } from "./field-docs.js";
import type {
  DestinationRuleObject,
  GRPCRouteObject,
  HTTPRouteObject,
  ServiceEntryObject,
  VirtualServiceObject,
} from "./mesh/objects.js";
import { planResilience } from "./plan.js";
import type { ResolvedResilience } from "./resolved.js";
import { resolveResilienceSection } from "./resolve.js";
import { CALL_GRAPH_SECTION } from "./report.js";
import { RESILIENCE_RULES } from "./rules.js";
import { meshStackSchema, type MeshSettings } from "./schema.js";
import type { ResilienceAnalysis } from "./types.js";

declare module "../../core/spec/service.js" {
  interface ResolvedSections {
    /** Every call's declared resilience settings, with the defaults that need no other service. */
    readonly resilience: ResolvedResilience;
  }
}

declare module "../../core/stack/config.js" {
  interface StackSections {
    /** `reliability:mesh`: the service mesh that carries the calls, its version and the amplification bound. */
    readonly mesh?: MeshSettings;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** Each call's effective timeout, retries and circuit breaker, and the mesh objects configuring them. */
    readonly resilience?: ResilienceAnalysis;
  }
}

declare module "../../core/tokens.js" {
  interface KubeObjects {
    "kubernetes:networking.istio.io/v1beta1:VirtualService": VirtualServiceObject;
    "kubernetes:networking.istio.io/v1beta1:DestinationRule": DestinationRuleObject;
    "kubernetes:networking.istio.io/v1beta1:ServiceEntry": ServiceEntryObject;
    "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute": HTTPRouteObject;
    "kubernetes:gateway.networking.k8s.io/v1:GRPCRoute": GRPCRouteObject;
  }
}

/** The resilience domain module. */
export const resilience: DomainModule = {
  name: "resilience",
  sections: {},
  resolve: resolveResilienceSection,
  checks: resilienceChecks,
  fieldDocs: RESILIENCE_FIELD_DOCS,
  planStack: planResilience,
  rules: RESILIENCE_RULES,
  reportSections: [CALL_GRAPH_SECTION],
  stackSettings: { mesh: meshStackSchema.optional() },
};
