import { describe, expect, it } from "vitest";
import { CHAOS_INJECT_ANNOTATION } from "../../components/core/conventions.js";
import type { Plan } from "../../components/core/plan/types.js";
import { planExamples, STACKS } from "../support/project.js";
import { embeddedChaos, schedules } from "./support.js";

/** A pod as a chaos selector sees it: its namespace and labels. */
interface Pod {
  readonly owner: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

type Props = Record<string, unknown> & { metadata: Record<string, unknown> };

/** The pods every planned Deployment of a plan runs, in every region, plus the workloads another team deploys beside them. */
function podsOf(plan: Plan): Pod[] {
  const planned = plan.services
    .flatMap((s) => s.resources)
    .filter((r) => r.type === "kubernetes:apps/v1:Deployment")
    .map((r) => {
      const props = r.props as unknown as Props;
      const template = (props["spec"] as { template: { metadata: { labels: Record<string, string> } } }).template;
      return { owner: r.service, namespace: String(props.metadata["namespace"]), labels: template.metadata.labels };
    });
  const foreign = planned.map((p) => ({
    owner: `another team's ${p.owner}`,
    namespace: p.namespace,
    labels: { "app.kubernetes.io/name": p.labels["app.kubernetes.io/name"] ?? "" },
  }));
  return [...planned, ...foreign];
}

/** Chaos Mesh's selection: the namespace is listed and every label selector matches. */
function selects(selector: Record<string, unknown>, pod: Pod): boolean {
  const namespaces = (selector["namespaces"] as string[] | undefined) ?? [];
  const labels = (selector["labelSelectors"] as Record<string, string> | undefined) ?? {};
  return namespaces.includes(pod.namespace) && Object.entries(labels).every(([k, v]) => pod.labels[k] === v);
}

describe.each(STACKS)("chaos victims in the %s stack", (stack) => {
  const { plan } = planExamples(stack);
  const pods = podsOf(plan);

  it.each(schedules(plan).map((s) => [String(s.metadata["name"]), s] as const))(
    "%s selects pods of its own service only, never another workload that shares its name label",
    (_, schedule) => {
      const service = (schedule.metadata["labels"] as Record<string, string>)["app.kubernetes.io/name"];
      for (const chaos of embeddedChaos(schedule)) {
        const hit = pods.filter((p) => selects(chaos.spec["selector"] as Record<string, unknown>, p));
        expect(hit.length).toBeGreaterThan(0);
        expect(new Set(hit.map((p) => p.owner))).toEqual(new Set([service]));
      }
    },
  );

  it("opts exactly the namespaces of services with experiments in to Chaos Mesh injection", () => {
    const withChaos = new Set(plan.services.filter((s) => s.analysis.chaos?.enabled).map((s) => s.service));
    for (const ns of plan.services
      .flatMap((s) => s.resources)
      .filter((r) => r.type === "kubernetes:core/v1:Namespace")) {
      const annotations = ((ns.props as unknown as Props).metadata["annotations"] ?? {}) as Record<string, string>;
      expect(annotations[CHAOS_INJECT_ANNOTATION], ns.key).toBe(withChaos.has(ns.service) ? "enabled" : undefined);
    }
  });
});
