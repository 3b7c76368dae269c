/**
 * The vocabulary of the policy rules: what a rule looks at, what it reports, and how strictly.
 * Rules are pure functions over plain data; the offline check and the CrossGuard pack build
 * that data from a Plan or from the resources Pulumi presents, and call the same functions.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/
 */

import type { z } from "zod";
import type { ServiceAnalysis } from "../plan/types.js";

/** How a violation is enforced: `mandatory` fails the check (exit 1) or blocks the update. */
export type EnforcementLevel = "mandatory" | "advisory";

/** The domain a rule belongs to (one module per domain under `policies/`). */
export type Domain =
  "workload" | "alerts" | "status" | "chaos" | "database" | "dns" | "budget" | "resilience" | "stack" | "aws";

/**
 * Which services a rule's violations are mandatory for: `critical-in-production` (the default, a
 * reliability judgement), `production` (any tier in production), `always` (AWS itself would refuse
 * the resource, whatever the environment) or `advisory` (none: a recommendation).
 */
export type Enforcement = "critical-in-production" | "production" | "always" | "advisory";

/** Who owns a resource and how strict the review of it is. */
export interface RuleContext {
  /** Environment of the stack (`prod`, `staging`, ...); empty when it cannot be told. */
  readonly environment: string;
  /** Tier of the service (`critical`, `standard`, `best-effort`); empty when it cannot be told. */
  readonly tier: string;
}

/** Facts from the spec that are not resource inputs: what the service declared, for rules that compare against it. */
export interface SpecFacts {
  /** `probes.startup.maxStartupSeconds` after defaults. */
  readonly maxStartupSeconds: number;
  /** Declared dependencies (`spec.dependencies`). */
  readonly dependencies: readonly { readonly name: string; readonly host?: string; readonly port?: number }[];
  /** Declared recovery-time objective in milliseconds. */
  readonly rtoMs: number;
  /** Declared recovery-point objective in milliseconds. */
  readonly rpoMs: number;
}

/** One resource as a rule sees it: its Pulumi type token and inputs (possibly with unknown values). */
export interface Subject {
  /** Plan key offline; the Pulumi logical name in the pack. */
  readonly key: string;
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** Pulumi logical name. */
  readonly name: string;
  /** Region whose provider registers it; empty when unknown. */
  readonly region: string;
  /** The inputs; values not known yet during a preview are {@link UNKNOWN}. */
  readonly props: Readonly<Record<string, unknown>>;
  /** Spec field path the resource comes from (offline only). */
  readonly origin?: string;
}

/** Everything of one service a cross-object rule sees. */
export interface ServiceSubject extends RuleContext {
  /** `metadata.name` */
  readonly service: string;
  /** Regions the service runs in. */
  readonly regions: readonly string[];
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** The service's resources. */
  readonly resources: readonly Subject[];
  /** Planner analysis (offline only: the pack has no spec). */
  readonly analysis?: Partial<ServiceAnalysis>;
  /** Spec facts (offline only). */
  readonly facts?: SpecFacts;
}

/** The whole stack, for rules that look across services. */
export interface StackSubject {
  /** Environment of the stack. */
  readonly environment: string;
  /** Every service. */
  readonly services: readonly ServiceSubject[];
  /** Resources that belong to no known service (the pack sees them; a plan has none). */
  readonly strays: readonly Subject[];
}

/** What a rule reports: one problem, phrased "X must Y because Z". */
/** Another spec field a finding involves, in its own service's spec (the other end of a call). */
export interface RelatedField {
  /** The service whose spec holds it. */
  readonly service: string;
  /** Its field path (`metadata.name`). */
  readonly path: string;
}

/** A related field located in its spec file. */
export interface LocatedField extends RelatedField {
  /** Spec file of the service (empty when unknown). */
  readonly file: string;
  /** 1-based line, when located. */
  readonly line?: number;
  /** 1-based column, when located. */
  readonly col?: number;
}

export interface Finding {
  /** The message. */
  readonly message: string;
  /** Key of the offending resource, when one is to blame. */
  readonly resource?: string;
  /** Spec field path that causes it (`spec.workload.probes.liveness`), overriding the resource's origin. */
  readonly path?: string;
  /** Service the finding is about, for stack rules. */
  readonly service?: string;
  /** How to fix this finding (the field to change and a value that passes), when more precise than the rule's {@link RuleInfo.fix}. */
  readonly fix?: string;
  /** Other fields the finding involves, each in its own service's spec. */
  readonly related?: readonly RelatedField[];
}

/** The metadata every rule carries. */
export interface RuleInfo {
  /** Kebab-case name, unique across the pack. */
  readonly name: string;
  /** One sentence: what the rule requires. */
  readonly description: string;
  /** Its domain. */
  readonly domain: Domain;
  /** Configuration schema; every property has a default, so `{}` is a valid configuration. */
  readonly config: z.ZodObject;
  /** Which services its violations are mandatory for. @default "critical-in-production" */
  readonly enforcement?: Enforcement;
  /** How to fix a finding: the spec field to change and a value that passes. */
  readonly fix: string;
  /** Where the rule comes from (kube-score, Polaris, AWSGuard, the SRE workbook, AWS guidance) and why it matters. */
  readonly anchor: string;
}

/** A rule over one resource at a time (CrossGuard `validateResource`). */
export interface ResourceRule extends RuleInfo {
  /** Discriminator. */
  readonly scope: "resource";
  /** Type tokens the rule applies to. */
  readonly types: readonly string[];
  /** Checks one resource; `config` is validated against {@link RuleInfo.config} first. */
  readonly check: (
    subject: Subject,
    config: unknown,
    context: RuleContext & { readonly facts?: SpecFacts },
  ) => Finding[];
}

/** A rule over all resources of one service (CrossGuard `validateStack`, grouped by service). */
export interface ServiceRule extends RuleInfo {
  /** Discriminator. */
  readonly scope: "service";
  /** Checks one service. */
  readonly check: (service: ServiceSubject, config: unknown) => Finding[];
}

/** A rule over the whole stack (CrossGuard `validateStack`). */
export interface StackRule extends RuleInfo {
  /** Discriminator. */
  readonly scope: "stack";
  /**
   * What the rule reads of each planned resource: the resource, a smaller copy holding only the
   * fields it reads, or undefined when it reads nothing of it. Without it the rule reads every
   * resource whole. A check split over threads sends the main thread only what this keeps.
   */
  readonly reads?: (resource: Subject) => Subject | undefined;
  /** Checks the stack. */
  readonly check: (stack: StackSubject, config: unknown) => Finding[];
}

/** Any rule. */
export type Rule = ResourceRule | ServiceRule | StackRule;

/** A finding with its rule, level and service: one row of a report. */
export interface Violation {
  /** Rule name. */
  readonly policy: string;
  /** Rule domain. */
  readonly domain: Domain;
  /** Enforcement for the service it is about. */
  readonly level: EnforcementLevel;
  /** Service name (empty for stack-wide findings). */
  readonly service: string;
  /** Resource key (empty when the service or stack as a whole is at fault). */
  readonly resource: string;
  /** "X must Y because Z". */
  readonly message: string;
  /** How to fix it: the field to change and a value that passes. */
  readonly fix: string;
  /** Spec field path the violation points at. */
  readonly path: string;
  /** Spec file of the service (empty when unknown). */
  readonly file: string;
  /** 1-based line in the spec file, when located. */
  readonly line?: number;
  /** 1-based column in the spec file, when located. */
  readonly col?: number;
  /** Other fields the violation involves (the other end of a call), each in its own spec file. */
  readonly related?: readonly LocatedField[];
  /**
   * The section the violation needs that the spec does not write at all (`spec.alerting`), when located:
   * the shortest unwritten ancestor of {@link path}, or `path` itself when it is a whole `spec` section.
   * The violation's line is then that of the section's nearest written ancestor.
   */
  readonly section?: string;
}

/** Value of a resource input that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol.for("reliability-stack.unknown");
