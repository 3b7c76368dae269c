/**
 * The interface every reliability domain implements (workload, alerts, chaos, database, dns, ...).
 * The spec, plan and policy stages loop over the registry of modules (`components/domains/index.ts`);
 * none of them names a domain. A module's types reach the stages by declaration merging: it adds
 * its spec section to `SpecSections`, its resolved section to `ResolvedSections` and its analysis
 * to `ServiceAnalysis`, from its own folder.
 */
import type { z } from "zod";
import type {
  Plan,
  PlannedProvider,
  PlannedResource,
  ProviderKind,
  ServiceAnalysis,
  SharedAnalysis,
} from "./plan/types.js";
import type { Rule } from "./policy/types.js";
import type { FieldDocs } from "./spec/field-docs.js";
import type { SpecCheck, SpecIssue } from "./spec/checks.js";
import type { PathSegment } from "./spec/positions.js";
import type { ResolvedSections, ResolvedService, ServiceBase, ServiceInput, SpecSections } from "./spec/service.js";
import type { StackConfig, StackSections } from "./stack/config.js";

/** The schema of each `spec` section a domain owns, keyed by the section's field name. */
export type SectionSchemas = { readonly [K in Exclude<keyof SpecSections, "regions">]?: z.ZodType<SpecSections[K]> };

/** The schema of each stack setting (`reliability:<key>`) a domain owns, keyed by the setting's name. */
export type StackSchemas = { readonly [K in keyof StackSections]?: z.ZodType<StackSections[K]> };

/** What resolution knows besides the spec: the stack's environment and settings. */
export interface ResolveContext {
  /** The service's identity, namespace and environment (resolved before any domain). */
  readonly base: ServiceBase;
  /** The stack, when resolving for one (without it, the base spec and each overlay are validated alone). */
  readonly stack?: StackConfig;
}

/** What a domain planner returns for one service. */
export interface DomainPlan {
  /** Resources, in registration order. */
  readonly resources: readonly PlannedResource[];
  /** Facts for `plan.json`, the CLI and the policies. */
  readonly analysis?: Partial<ServiceAnalysis>;
  /**
   * Problems only planning finds (two experiments that would overlap, a query that does not parse),
   * at their spec paths. The loader plans every service it validates for a stack and reports them
   * with positions, like every other spec diagnostic.
   */
  readonly issues?: readonly SpecIssue[];
}

/** A problem in one service's spec that involves other services' specs (the two ends of a call). */
export interface StackIssue {
  /** The service whose field is at fault. */
  readonly service: string;
  /** Path of the field at fault in that service's merged spec. */
  readonly path: readonly PathSegment[];
  /** "must ..." sentence naming the bad value and what is allowed. */
  readonly message: string;
  /** The other fields the problem involves, each in its own service's spec. */
  readonly related?: readonly { readonly service: string; readonly path: readonly PathSegment[] }[];
}

/** A problem across a stack's settings (one setting against `reliability:regions`), at the path of the setting at fault below `reliability:`. */
export interface StackSettingIssue {
  /** Path of the setting at fault, its first segment the key after `reliability:`. */
  readonly path: readonly PathSegment[];
  /** "must ..." sentence saying what is allowed (the loader adds the bad value). */
  readonly message: string;
}

/** What a stack-wide planner returns: each service's share of the plan, and the problems across services. */
export interface StackDomainPlan {
  /** The plan of each service, by service name (a service left out plans nothing here). */
  readonly services: ReadonlyMap<string, DomainPlan>;
  /** Settings that cannot work together across services; the loader reports them with both ends' positions. */
  readonly issues: readonly StackIssue[];
  /**
   * What the domain plans once for the whole stack rather than for one service (one incident bridge
   * per region serving every service): registered and rendered once, in `plan.json`'s `shared`.
   */
  readonly shared?: {
    /** Resources, in registration order. */
    readonly resources: readonly PlannedResource[];
    /** Facts for `plan.json` and the CLI. */
    readonly analysis?: Partial<SharedAnalysis>;
  };
}

/** A pure planner for one domain. */
export type DomainPlanner = (service: ResolvedService, stack: StackConfig) => DomainPlan;

/** Plans the providers of one family from the stack and every resource of the plan. */
export type ProviderPlanner = (stack: StackConfig, resources: readonly PlannedResource[]) => PlannedProvider[];

/** A table a domain adds to the pull-request comment (`reliability check --format markdown`). */
export interface ReportSection {
  /** Heading of the section. */
  readonly title: string;
  /** Column headings. */
  readonly head: readonly string[];
  /** The rows for a plan (none: the section is left out). */
  rows(plan: Plan): string[][];
}

/** A reliability domain: everything about one concern, behind the interface every stage loops over. */
export interface DomainModule {
  /** The domain's name (`chaos`); its folder is `components/domains/<name>/`. */
  readonly name: string;
  /** The `spec` sections the domain owns, with their schemas, in the order the spec documents them. */
  readonly sections: SectionSchemas;
  /** Documentation of every field of the domain's sections (paths below `spec`), for the JSON Schema and `reliability explain`. */
  readonly fieldDocs?: FieldDocs;
  /**
   * Applies the domain's defaults to its sections: the fields it adds to the resolved service.
   * Every default is taken here, so planners read resolved values only.
   */
  resolve(input: ServiceInput, context: ResolveContext): Partial<ResolvedSections>;
  /**
   * Cross-field checks of the resolved service, run by the loader, including what only planning
   * finds (a query that does not parse, two experiments that overlap): every spec diagnostic
   * leaves the loader with its position.
   */
  readonly checks: readonly SpecCheck[];
  /** The planner: resources and analysis for one service. Pure; no defaults. */
  plan?(service: ResolvedService, stack: StackConfig): DomainPlan;
  /**
   * The planner of what depends on several services at once (a call's timeout derived from the
   * callee's objective): every service of the stack in, each one's plan, what the stack shares and
   * the cross-service problems out. Pure; no defaults.
   */
  planStack?(services: readonly ResolvedService[], stack: StackConfig): StackDomainPlan;
  /** The domain's policy rules, run offline and in the CrossGuard pack. */
  readonly rules: readonly Rule[];
  /** Tables the domain adds to the pull-request comment, after the violations. */
  readonly reportSections?: readonly ReportSection[];
  /** The stack settings (`reliability:<key>` in `stacks/Pulumi.<stack>.yaml`) the domain owns, with their schemas. */
  readonly stackSettings?: StackSchemas;
  /** Checks of the domain's stack settings against the stack's other keys, run when the stack is loaded. */
  checkStack?(stack: Omit<StackConfig, "stack">): readonly StackSettingIssue[];
  /** Provider families the domain's resources need, each with how it is planned. */
  readonly providers?: { readonly [K in ProviderKind]?: ProviderPlanner };
}
