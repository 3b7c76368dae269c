/**
 * What a change does to a stack's plan: `reliability diff` compares the plan of a base (a git ref or
 * a `plan.json`) with the plan of the working tree. The JSON output is exactly {@link PlanDiff}.
 */

/** A plan value as the diff shows it: plain JSON, with secrets replaced by {@link MASKED}. */
export type DiffValue = string | number | boolean | null | readonly DiffValue[] | { readonly [key: string]: DiffValue };

/** What stands in for a secret value in a diff. */
export const MASKED = "(secret)";

/** One changed input of a resource. */
export interface FieldChange {
  /** Dotted path from the resource (`props.engine`, `props.spec.template.spec.containers.0.image`, `opts.protect`). */
  readonly path: string;
  /** Value before; absent when the field is new. */
  readonly before?: DiffValue;
  /** Value after; absent when the field is gone. */
  readonly after?: DiffValue;
  /** Type token the provider replaces because of this change (the resource's own, or the generated password's). */
  readonly replaces?: string;
}

/** What happens to one resource. */
export type ResourceAction = "create" | "delete" | "update" | "replace";

/** One resource the change touches, keyed by the plan's resource key. */
export interface ResourceChange {
  /** Plan key (`checkout/us-east-1/Cluster`). */
  readonly key: string;
  /** Pulumi type token. */
  readonly type: string;
  /** Service it belongs to. */
  readonly service: string;
  /** Region whose provider registers it. */
  readonly region: string;
  /** What happens to it. */
  readonly action: ResourceAction;
  /** True when the base plan protects it (`opts.protect`). */
  readonly protected: boolean;
  /** Why it is replaced, when it is (the fields, or the replaced resource it refers to). */
  readonly reason?: string;
  /** Changed fields (for `update` and `replace`). */
  readonly fields: readonly FieldChange[];
}

/** A scalar of a service that changed, before → after, as text (`99.9%`, `5m`). */
export interface ValueChange {
  /** What changed (`tier`, `availability`, `rto`). */
  readonly name: string;
  /** Before; absent when new. */
  readonly before?: string;
  /** After; absent when gone. */
  readonly after?: string;
}

/** A chaos experiment whose runs moved. */
export interface MovedExperiment {
  /** Experiment name. */
  readonly name: string;
  /** Schedules before (`CRON_TZ=… 0 10 * * 2` per region). */
  readonly before: readonly string[];
  /** Schedules after. */
  readonly after: readonly string[];
}

/** An alert definition, with the regions that gained or lost it. */
export interface AlertChange {
  /** Alert name with the labels that tell it apart (`ErrorBudgetBurn{severity="critical",slo="latency"}`). */
  readonly alert: string;
  /** Regions. */
  readonly regions: readonly string[];
}

/** One side of the recovery budget: worst case and verdict against the objective. */
export interface BudgetSide {
  /** Objective, milliseconds. */
  readonly objectiveMs: number;
  /** Worst case, milliseconds; null when unbounded or not applicable. */
  readonly worstMs: number | null;
  /** Verdict. */
  readonly status: "PASS" | "FAIL" | "N/A";
}

/** RTO or RPO before → after. */
export interface BudgetChange {
  /** `rto` or `rpo`. */
  readonly measure: "rto" | "rpo";
  /** Before; absent for a new service. */
  readonly before?: BudgetSide;
  /** After; absent for a removed service. */
  readonly after?: BudgetSide;
  /** True when it fails after and did not before. */
  readonly newlyFails: boolean;
  /** Whether a failure is enforced (production): a newly failing enforced budget is a risk. */
  readonly enforced: boolean;
}

/** What the change does to one service. */
export interface ServiceDiff {
  /** Service name. */
  readonly service: string;
  /** Added, removed or changed (unchanged services are only counted). */
  readonly status: "added" | "removed" | "changed";
  /** Tier, regions and objectives that changed. */
  readonly values: readonly ValueChange[];
  /** Chaos experiments added, removed or moved. */
  readonly chaos: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly moved: readonly MovedExperiment[];
  };
  /** Alerts added and removed (PrometheusRule alerting rules). */
  readonly alerts: { readonly added: readonly AlertChange[]; readonly removed: readonly AlertChange[] };
  /** RTO/RPO budgets that changed. */
  readonly budget: readonly BudgetChange[];
  /** Resources created, deleted, updated or replaced. */
  readonly resources: readonly ResourceChange[];
}

/** A change that can lose data or break recovery: what makes the verdict `risky`. */
export interface Risk {
  /** What kind of risk. */
  readonly kind: "protected-replacement" | "protected-removal" | "budget-fails";
  /** Service. */
  readonly service: string;
  /** Resource key, for a resource risk. */
  readonly key?: string;
  /** One sentence for the reviewer. */
  readonly message: string;
}

/** `no-changes`: the plans are equal; `changes`: nothing risky; `risky`: at least one {@link Risk}. */
export type DiffVerdict = "no-changes" | "changes" | "risky";

/** Counts over the whole diff. */
export interface DiffTotals {
  /** Services added, removed, changed and unchanged. */
  readonly services: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    readonly unchanged: number;
  };
  /** Resources by action. */
  readonly resources: Readonly<Record<ResourceAction, number>>;
}

/** What a change does to a stack's plan. */
export interface PlanDiff {
  /** Stack. */
  readonly stack: string;
  /** Environment. */
  readonly environment: string;
  /** What the change is compared with (`git main`, `out/prod/plan.json`). */
  readonly base: string;
  /** Verdict. */
  readonly verdict: DiffVerdict;
  /** Risks, most severe first. */
  readonly risks: readonly Risk[];
  /** Counts. */
  readonly totals: DiffTotals;
  /** Services the change touches, in the after plan's order (removed ones last). */
  readonly services: readonly ServiceDiff[];
}
