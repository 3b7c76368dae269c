import { TIER_DEFAULTS } from "../../components/core/defaults.js";
import { TIERS } from "../../components/core/spec/service.js";
import { formatDuration } from "../../components/core/units.js";

/** The README's tier table, rendered from the one place the defaults live. */
export function tierTable(): string {
  const rows: [string, (t: (typeof TIER_DEFAULTS)["critical"]) => string][] = [
    ["replicas (floor)", (t) => String(t.replicas)],
    ["PDB maxUnavailable", (t) => String(t.maxUnavailable)],
    [
      "readiness period / timeout / failures",
      (t) => `${t.readiness.periodSeconds}s / ${t.readiness.timeoutSeconds}s / ${t.readiness.failureThreshold}`,
    ],
    [
      "liveness period / timeout / failures",
      (t) => `${t.liveness.periodSeconds}s / ${t.liveness.timeoutSeconds}s / ${t.liveness.failureThreshold}`,
    ],
    ["startup period / timeout", (t) => `${t.startup.periodSeconds}s / ${t.startup.timeoutSeconds}s`],
    ["maxStartupSeconds", (t) => String(t.maxStartupSeconds)],
    ["shutdown.drainSeconds", (t) => String(t.drainSeconds)],
    ["rto when not declared", (t) => formatDuration(t.rtoMs)],
    ["rpo when not declared", (t) => formatDuration(t.rpoMs)],
    ["alert repeat interval", (t) => t.repeatInterval],
    ["chaos enabled", (t) => String(t.chaosEnabled)],
    ["multi-region required in prod", (t) => String(t.multiRegionInProd)],
    ["missing SLI metrics alert after", (t) => `${t.missingMetrics.for} (${t.missingMetrics.severity})`],
    ["pod priorityClassName", (t) => t.priorityClassName],
  ];
  const head = `| setting | ${TIERS.join(" | ")} |\n|---|${TIERS.map(() => "---").join("|")}|`;
  return [
    head,
    ...rows.map(([name, f]) => `| ${name} | ${TIERS.map((tier) => f(TIER_DEFAULTS[tier])).join(" | ")} |`),
  ].join("\n");
}
