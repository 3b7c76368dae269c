/**
 * The failover budget and runbook: worst-case times computed from the planned settings, and the
 * ordered steps of a regional failover and failback.
 */

/** One addend of a worst-case time, with where its value comes from. */
export interface BudgetTerm {
  /** What the term is (`health-check interval × failure threshold`). */
  readonly name: string;
  /** Its value, milliseconds. */
  readonly ms: number;
  /** Spec field, default or documented constant it comes from. */
  readonly source: string;
}

/** Worst case against an objective. */
export interface BudgetVerdict {
  /** The declared (or tier) objective, milliseconds. */
  readonly objectiveMs: number;
  /** Worst case, milliseconds; null when unbounded or not applicable. */
  readonly worstMs: number | null;
  /** Objective minus worst case (negative when failing); null when unbounded or not applicable. */
  readonly marginMs: number | null;
  /** `PASS`, `FAIL`, or `N/A` when nothing planned can fail over (e.g. RPO of a stateless service). */
  readonly status: "PASS" | "FAIL" | "N/A";
  /** One sentence on how the worst case arises. */
  readonly reason: string;
  /** The addends of `worstMs`. */
  readonly terms: readonly BudgetTerm[];
}

/** Worst-case detection, failover, recovery time and data loss of a service. */
export interface FailoverBudget {
  /** What is lost: the primary `region` (multi-region), a `zone` (single region), or `none` planned. */
  readonly scenario: "region" | "zone" | "none";
  /** Route 53 detection time: interval × failure threshold + checker timeouts; null without DNS. */
  readonly detectionMs: number | null;
  /** DNS failover: detection + TTL + client-cache allowance; null without DNS. */
  readonly dnsFailoverMs: number | null;
  /** Recovery time against `objectives.rto`. */
  readonly rto: BudgetVerdict;
  /** Data loss against `objectives.rpo`. */
  readonly rpo: BudgetVerdict;
  /** Whether a FAIL is a mandatory violation (production). */
  readonly enforced: boolean;
}

/** One step of a runbook. */
export interface RunbookStep {
  /** Position, from 1. */
  readonly step: number;
  /** What to do or what happens. */
  readonly action: string;
  /** The command that does it, when there is one. */
  readonly command?: string;
  /** True when AWS does it without anyone acting. */
  readonly automatic: boolean;
}

/** The ordered steps of a regional failover and of the failback. */
export interface FailoverRunbook {
  /** Region that fails. */
  readonly from: string;
  /** Region that takes over. */
  readonly to: string;
  /** Failover steps. */
  readonly failover: readonly RunbookStep[];
  /** Failback steps. */
  readonly failback: readonly RunbookStep[];
}
