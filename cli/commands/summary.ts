import Table from "cli-table3";
import type { Plan, PlannedResource, ServiceAnalysis, ServicePlan } from "../../components/core/plan/types.js";
import { CLI_DEFAULTS } from "../defaults.js";

/** What the summary reads of a service: a {@link ServicePlan} has it all. */
export type SummaryService = Pick<ServicePlan, "service" | "tier" | "regions"> & {
  /** The workload analysis. */
  readonly analysis: Pick<ServiceAnalysis, "workload">;
  /** Where each resource is registered. */
  readonly resources: readonly Pick<PlannedResource, "provider" | "region">[];
};

/** What the summary reads of a plan: a {@link Plan} has it all. */
export type SummaryPlan = Pick<Plan, "stack" | "environment"> & { readonly services: readonly SummaryService[] };

/** How the summary is laid out. */
export interface SummaryOptions {
  /** List every service and region, however many. */
  readonly verbose?: boolean;
  /** Most rows listed one by one before the table shows totals per tier and region instead. */
  readonly maxRows?: number;
}

/**
 * The summary `plan` prints: a row per service and region, or, beyond `maxRows` rows and without
 * `verbose`, totals per tier and region.
 */
export function summaryTable(plan: SummaryPlan, options: SummaryOptions = {}): string {
  const title = `Stack ${plan.stack} (environment ${plan.environment}): ${plan.services.length} services`;
  const rows = plan.services.reduce((n, s) => n + s.regions.length, 0);
  if (options.verbose !== true && rows > (options.maxRows ?? CLI_DEFAULTS.summaryRows))
    return `${title}\n${totalsTable(plan)}\n${rows} service-region rows shown as totals per tier and region; --verbose lists every row`;
  const table = new Table({
    head: [
      "service",
      "region",
      "tier",
      "replicas",
      "disruptions",
      "startup/ready/live (s)",
      "grace (s)",
      "kubernetes",
      "aws",
    ],
    style: { head: [], border: [] },
  });
  for (const service of plan.services) {
    for (const region of service.regions) table.push(row(service, region));
  }
  return `${title}\n${table.toString()}`;
}

function row(service: SummaryService, region: string): string[] {
  const w = service.analysis.workload;
  const { kubernetes, aws } = counts(service, region);
  return [
    service.service,
    region,
    service.tier,
    w.replicas,
    String(w.disruptionsAllowed),
    `${w.startupBudgetSeconds}/${w.readinessWindowSeconds}/${w.livenessWindowSeconds}`,
    String(w.terminationGracePeriodSeconds),
    String(kubernetes),
    String(aws),
  ];
}

/** Resources of one service in one region, by provider. */
function counts(service: SummaryService, region: string): { kubernetes: number; aws: number } {
  let kubernetes = 0;
  let aws = 0;
  for (const r of service.resources) {
    if (r.region !== region) continue;
    if (r.provider === "kubernetes") kubernetes += 1;
    else if (r.provider === "aws") aws += 1;
  }
  return { kubernetes, aws };
}

/** Services and resources per tier and region, in the order they first appear. */
function totalsTable(plan: SummaryPlan): string {
  const totals = new Map<string, { tier: string; region: string; services: number; kubernetes: number; aws: number }>();
  for (const service of plan.services) {
    for (const region of service.regions) {
      const key = `${service.tier}\u0000${region}`;
      const total = totals.get(key) ?? { tier: service.tier, region, services: 0, kubernetes: 0, aws: 0 };
      const { kubernetes, aws } = counts(service, region);
      totals.set(key, {
        ...total,
        services: total.services + 1,
        kubernetes: total.kubernetes + kubernetes,
        aws: total.aws + aws,
      });
    }
  }
  const table = new Table({
    head: ["tier", "region", "services", "kubernetes", "aws"],
    style: { head: [], border: [] },
  });
  for (const t of totals.values())
    table.push([t.tier, t.region, String(t.services), String(t.kubernetes), String(t.aws)]);
  return table.toString();
}
