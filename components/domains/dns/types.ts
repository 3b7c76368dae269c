import type { DnsSettings } from "./settings.js";

/** What the DNS planner decided, for `plan.json`, the budget and the policies: the settings, with each region's record. */
export interface DnsSummary extends Omit<DnsSettings, "targets"> {
  /** One record per region, primary first. */
  readonly targets: readonly {
    readonly region: string;
    readonly role: "PRIMARY" | "SECONDARY" | "LATENCY";
    readonly record: "alias" | "cname";
    readonly target: string;
  }[];
}
