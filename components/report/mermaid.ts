import type { ServicePlan } from "../core/plan/types.js";
import { serviceTopology, type Topology } from "./topology.js";

/**
 * A Mermaid flowchart of one service: a box per region with its workload and database, the DNS
 * name routing to the regions (failover roles or latency), and database replication arrows.
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function serviceDiagram(service: ServicePlan): string {
  return renderTopology(serviceTopology(service));
}

/** Renders a topology as a Mermaid flowchart. */
export function renderTopology(t: Topology): string {
  const id = (...parts: string[]): string => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
  const lines = ["flowchart LR"];
  for (const region of t.regions) {
    lines.push(`  subgraph ${id(t.service, region)}["${region}"]`);
    lines.push(`    ${id(t.service, region, "app")}["${t.service} ×${t.replicas}"]`);
    const db = t.database?.regions.find((r) => r.region === region);
    if (db)
      lines.push(
        `    ${id(t.service, region, "db")}[("${db.role === "primary" ? "writer" : "replica"}: ${t.database?.engine ?? "database"}")]`,
      );
    lines.push("  end");
  }
  for (const region of t.regions) {
    if (t.database?.regions.some((r) => r.region === region))
      lines.push(`  ${id(t.service, region, "app")} --> ${id(t.service, region, "db")}`);
  }
  if (t.dns) {
    const alias = t.dns.effectiveTtl === t.dns.ttl ? "" : ` (alias answers ${t.dns.effectiveTtl}s)`;
    lines.push(`  ${id(t.service, "dns")}{{"${t.dns.name}<br/>${t.dns.routing}, TTL ${t.dns.ttl}s${alias}"}}`);
    for (const target of t.dns.targets) {
      const label = target.role
        ? `${target.role}${target.healthChecked ? " + health check" : ""}`
        : target.healthChecked
          ? "health check"
          : "no health check";
      lines.push(`  ${id(t.service, "dns")} -->|${label}| ${id(t.service, target.region, "app")}`);
    }
  }
  const primary = t.database?.regions.find((r) => r.role === "primary");
  for (const replica of t.database?.regions.filter((r) => r.role === "replica") ?? []) {
    if (primary)
      lines.push(
        `  ${id(t.service, primary.region, "db")} -. ${t.database?.replication ?? "replication"} .-> ${id(t.service, replica.region, "db")}`,
      );
  }
  return lines.join("\n");
}
