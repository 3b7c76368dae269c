/**
 * Harness for policy tests: the example prod plan as a valid baseline, one change at a time, and
 * the same plan presented the way CrossGuard presents it during a preview (every reference to
 * another resource's output unknown, props behind the SDK's unknown-checking proxy).
 */

import { createRequire } from "node:module";
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { RELIABLE_SERVICE_TYPE, providerName } from "../../components/core/conventions.js";
import { SHARED_RESOURCES_NAME, SHARED_RESOURCES_TYPE } from "../../components/core/shared-names.js";
import { isRef, isSecretRef, type Plan, type PlannedResource } from "../../components/core/plan/types.js";
import { toPolicies } from "../../policies/crossguard/policies.js";
import { specFacts } from "../../components/domains/workload/facts.js";
import { checkPlan } from "../../policies/run.js";
import type { Rule, SpecFacts, Violation } from "../../components/core/policy/types.js";
import { planExamples } from "../support/project.js";

interface ProxyModule {
  readonly unknownCheckingProxy: <T>(value: T) => T;
  readonly unknownStringValue: string;
  readonly unknownObjectValue: string;
}

/** The policy SDK's own proxy and unknown sentinels (internal to the SDK, used exactly as its server uses them). */
export const sdkProxy = createRequire(__filename)("@pulumi/policy/proxy") as ProxyModule;

/** A fresh copy of the example prod plan and the spec facts of its services. */
export function baseline(stack = "prod"): { plan: Plan; facts: Map<string, SpecFacts> } {
  const { plan, services } = planExamples(stack);
  return { plan: unshared(plan), facts: new Map(services.map((s) => [s.name, specFacts(s)])) };
}

/** A deep copy in which no two resources share an object (plans share region-independent parts), so a change touches one resource. */
function unshared(plan: Plan): Plan {
  return JSON.parse(JSON.stringify(plan)) as Plan;
}

/** Caches one planned baseline per stack (planning is the slow part); callers get deep copies. */
const cache = new Map<string, ReturnType<typeof baseline>>();
export function cachedBaseline(stack = "prod"): ReturnType<typeof baseline> {
  const hit = cache.get(stack) ?? baseline(stack);
  cache.set(stack, hit);
  return { plan: unshared(hit.plan), facts: hit.facts };
}

/** The resource with `key`. @throws when absent. */
export function resource(plan: Plan, key: string): PlannedResource {
  const found = plan.services.flatMap((s) => s.resources).find((r) => r.key === key);
  if (!found) throw new Error(`no resource ${key}`);
  return found;
}

/** Sets (or with `undefined` deletes) a value at a dot path of a resource's props; numeric segments index arrays. */
export function setProp(plan: Plan, key: string, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = resource(plan, key).props as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Removes resources matching a predicate from their service. */
export function dropResources(plan: Plan, match: (r: PlannedResource) => boolean): void {
  for (const s of plan.services)
    (s as unknown as { resources: PlannedResource[] }).resources = s.resources.filter((r) => !match(r));
}

/** The findings of `rule`, as [resource, level], in a full offline check of the example plan of `stack` after `change`. */
export function hitsAfter(stack: string, rule: Rule, change: (plan: Plan) => void): string[][] {
  const { plan, facts } = cachedBaseline(stack);
  change(plan);
  return checkPlan(plan, { facts })
    .filter((v) => v.policy === rule.name)
    .map((v) => [v.resource, v.level]);
}

/** Runs one rule offline on a plan. */
export function offline(plan: Plan, facts: ReadonlyMap<string, SpecFacts>, rule: Rule): Violation[] {
  return checkPlan(plan, { facts, rules: [rule] });
}

/** Props as the engine sends them in a preview: references (outputs not known yet) become unknown sentinels. */
export function previewProps(value: unknown): unknown {
  if (isRef(value)) return sdkProxy.unknownStringValue;
  if (isSecretRef(value)) return sdkProxy.unknownStringValue;
  if (Array.isArray(value)) return value.map(previewProps);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, previewProps(v)]));
  return value;
}

/**
 * A planned resource as a CrossGuard `PolicyResource` of a preview, parented to its ReliableService
 * (or, for what the stack shares, to the SharedResources component, as the program registers it).
 */
function policyResource(r: PlannedResource, shared = false): PolicyResource {
  const props = sdkProxy.unknownCheckingProxy(previewProps(r.props) as Record<string, unknown>);
  const urn = `urn:pulumi:prod::reliability::${RELIABLE_SERVICE_TYPE}$${r.type}::${r.name}`;
  return {
    type: r.type,
    name: r.name,
    urn,
    props,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    provider: { type: `pulumi:providers:${r.provider}`, name: providerName(r.provider, r.region), urn: "", props: {} },
    parent: (shared
      ? { type: SHARED_RESOURCES_TYPE, name: SHARED_RESOURCES_NAME }
      : { type: RELIABLE_SERVICE_TYPE, name: r.service }) as PolicyResource,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

/** One reported CrossGuard violation. */
export interface PackViolation {
  /** Policy name (the rule's). */
  readonly policy: string;
  /** Its enforcement level. */
  readonly level: string;
  /** The message. */
  readonly message: string;
  /** URN of the resource it was reported on, when any. */
  readonly urn?: string;
}

/** Runs a rule's CrossGuard policy over a whole plan (what the stack shares included) presented as a preview, as the policy server would. */
export async function throughPack(
  plan: Plan,
  rule: Rule,
  config: Record<string, unknown> = {},
): Promise<PackViolation[]> {
  const out: PackViolation[] = [];
  const resources = [
    ...plan.services.flatMap((s) => s.resources).map((r) => policyResource(r)),
    ...(plan.shared?.resources ?? []).map((r) => policyResource(r, true)),
  ];
  for (const policy of toPolicies([rule])) {
    // As the SDK's server does: a violation object's enforcementLevel replaces the policy's.
    const report = ((message: string | { message: string; urn?: string; enforcementLevel?: string }, urn?: string) => {
      const v = typeof message === "string" ? { message, urn } : message;
      out.push({
        policy: policy.name,
        level: (typeof message === "string" ? undefined : message.enforcementLevel) ?? policy.enforcementLevel ?? "",
        message: v.message,
        ...(v.urn ? { urn: v.urn } : {}),
      });
    }) as ReportViolation;
    const common = {
      getConfig: <T extends object>() => config as T,
      notApplicable: (reason?: string): never => {
        throw new Error(`not applicable: ${reason}`);
      },
      stackTags: new Map<string, string>(),
    };
    if ("validateStack" in policy) {
      const args: StackValidationArgs = { resources, ...common };
      await (policy as StackValidationPolicy).validateStack(args, report);
      continue;
    }
    const validate = (policy as ResourceValidationPolicy).validateResource;
    for (const r of resources) {
      const args = {
        type: r.type,
        props: r.props,
        urn: r.urn,
        name: r.name,
        opts: r.opts,
        ...(r.provider ? { provider: r.provider } : {}),
        isType: () => false,
        asType: () => undefined,
        ...common,
      } as unknown as ResourceValidationArgs;
      for (const v of Array.isArray(validate) ? validate : validate ? [validate] : []) await v(args, report);
    }
  }
  return out;
}
