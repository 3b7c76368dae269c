import { describe, expect, it } from "vitest";
import { CHAOS_ACTIONS } from "../../components/domains/chaos/actions/index.js";
import { MAX_SERVICE_NAME } from "../../components/core/spec/service.js";
import { chaosTargetLabels } from "../../components/core/conventions.js";
import { CHAOS_SCHEDULE_NAME_MAX, chaosScheduleName } from "../../components/core/chaos-conventions.js";
import { CHAOS_DEFAULTS } from "../../components/domains/chaos/defaults.js";
import { MAX_EXPERIMENT_NAME } from "../../components/domains/chaos/schema.js";
import { planExamples, STACKS } from "../support/project.js";
import { crdErrors } from "./crd.js";
import { chaosSpec, embeddedChaos, oneRegionStack, schedules, templates, tryPlan } from "./support.js";
import { webhookProblems } from "./webhook.js";

const TARGETS: Record<string, Record<string, unknown>> = {
  "network-delay": { target: "orders-db", latency: "200ms", jitter: "20ms" },
  "network-loss": { target: "payments", lossPercent: 20 },
  "network-partition": { target: "inventory" },
  "dns-error": { target: "payments" },
  "container-kill": { containerNames: ["orders"] },
  "http-delay": { latency: "1s", httpPath: "/orders" },
};

function catalogue() {
  const experiments = CHAOS_ACTIONS.map(({ action }, i) => ({
    name: `x${i}`,
    action,
    schedule: `${(i * 10) % 60} ${10 + Math.floor(i / 6)} * * 2`,
    duration: "2m",
    ...(TARGETS[action] ?? {}),
  }));
  const { plan, errors } = tryPlan(chaosSpec({ timezone: "Europe/Berlin", experiments }), oneRegionStack("staging"));
  if (!plan) throw new Error(errors.join("\n"));
  return schedules(plan);
}

describe("generated Chaos Mesh objects", () => {
  const examples = STACKS.flatMap((stack) => schedules(planExamples(stack).plan).map((s) => [stack, s] as const));
  const all = [...examples.map(([, s]) => s), ...catalogue()];

  it("include Schedules for the example services in prod", () => {
    expect(examples.filter(([stack]) => stack === "prod").map(([, s]) => s.metadata["name"])).toEqual(
      expect.arrayContaining([
        "checkout-kill-one-pod",
        "checkout-slow-database",
        "inventory-fail-a-pod",
        "inventory-cpu-pressure",
      ]),
    );
  });

  it("cover every action of the catalogue with its own Chaos Mesh kind", () => {
    const kinds = catalogue().flatMap((s) =>
      embeddedChaos(s).map((c) => `${String(c.spec["action"] ?? "-")}:${c.kind}`),
    );
    expect(kinds).toEqual([
      "pod-kill:PodChaos",
      "pod-failure:PodChaos",
      "container-kill:PodChaos",
      "delay:NetworkChaos",
      "loss:NetworkChaos",
      "partition:NetworkChaos",
      "-:StressChaos",
      "-:StressChaos",
      "error:DNSChaos",
      "-:HTTPChaos",
      "-:HTTPChaos",
    ]);
  });

  it.each(all.map((s) => [s.metadata["name"], s] as const))("%s validates against the Schedule CRD", (_, schedule) => {
    expect(crdErrors("Schedule", schedule)).toEqual([]);
  });

  it.each(all.map((s) => [s.metadata["name"], s] as const))(
    "%s embeds chaos that validates against its own kind's CRD",
    (_, schedule) => {
      for (const chaos of embeddedChaos(schedule)) expect(crdErrors(chaos.kind, chaos), chaos.kind).toEqual([]);
    },
  );

  it.each(all.map((s) => [s.metadata["name"], s] as const))(
    "%s passes Chaos Mesh's webhook-only rules",
    (_, schedule) => {
      expect(webhookProblems(schedule)).toEqual([]);
    },
  );

  it.each(all.map((s) => [s.metadata["name"], s] as const))(
    "%s selects only its own service's running pods",
    (_, schedule) => {
      const service = String((schedule.metadata["labels"] as Record<string, string>)["app.kubernetes.io/name"]);
      for (const chaos of embeddedChaos(schedule)) {
        expect(chaos.spec["selector"]).toEqual({
          namespaces: [schedule.metadata["namespace"]],
          labelSelectors: chaosTargetLabels(service),
          podPhaseSelectors: ["Running"],
        });
        expect(chaos.spec["mode"]).not.toBe("all");
      }
    },
  );

  it("start with the fail-closed gate, whose only branch runs the injection beside an aborting check", () => {
    const [schedule] = examples.map(([, s]) => s);
    if (!schedule) throw new Error("no example Schedule");
    expect(schedule.spec).toMatchObject({
      type: "Workflow",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 60,
      historyLimit: 5,
      workflow: { entry: "gate" },
    });
    expect(templates(schedule).map((t) => [t["name"], t["templateType"], t["abortWithStatusCheck"] ?? false])).toEqual([
      ["gate", "Task", false],
      ["run", "Parallel", false],
      ["inject", "PodChaos", false],
      ["guard", "StatusCheck", true],
    ]);
    const [gate, , inject, guard] = templates(schedule) as Record<string, unknown>[];
    expect(gate?.["conditionalBranches"]).toEqual([{ target: "run", expression: "exitCode == 0" }]);
    expect(gate?.["task"]).toMatchObject({
      container: { command: ["/bin/sh", "-c", expect.stringContaining("curl")] },
      volumes: [
        { configMap: { name: "reliability-chaos-control", optional: false } },
        { configMap: { name: "reliability-chaos-stops", optional: false } },
      ],
    });
    expect(gate?.["deadline"]).toBe("6m");
    expect(inject?.["deadline"]).toBe("5m");
    expect(guard?.["statusCheck"]).toMatchObject({ mode: "Continuous", http: { criteria: { statusCode: "200" } } });
    expect(String((guard?.["statusCheck"] as { http: { url: string } }).http.url)).toMatch(
      /^http:\/\/kube-prometheus-prometheus\.monitoring\.svc:9090\/api\/v1\/query\?query=count\(ALERTS/,
    );
  });

  it("record the hypothesis as Schedule annotations", () => {
    const { plan } = tryPlan(
      chaosSpec({
        experiments: [
          {
            name: "crash",
            action: "container-kill",
            schedule: "0 10 * * 2",
            hypothesis: { expectAlert: { name: "KubePodCrashLooping", within: "10m" } },
          },
        ],
      }),
      oneRegionStack(),
    );
    const [schedule] = schedules(plan ?? (undefined as never));
    expect(schedule?.metadata["annotations"]).toMatchObject({
      "reliability-stack.io/hypothesis":
        "no page alert (severity=critical) of orders fires and KubePodCrashLooping fires within 10m",
      "reliability-stack.io/expect-no-page": "true",
      "reliability-stack.io/expect-alert": "KubePodCrashLooping",
      "reliability-stack.io/expect-alert-within": "10m",
    });
    expect(plan?.services[0]?.analysis.chaos?.experiments[0]?.hypothesis).toEqual({
      noPage: true,
      expectAlert: { name: "KubePodCrashLooping", withinSeconds: 600 },
      text: expect.any(String),
    });
  });

  it.each([
    [1, { mode: "one" }],
    [2, { mode: "fixed", value: "2" }],
    ["50%", { mode: "fixed-percent", value: "50" }],
  ] as const)("express maxUnavailable %j as Chaos Mesh mode %j", (maxUnavailable, expected) => {
    const spec = chaosSpec({
      experiments: [{ name: "kill", action: "pod-kill", schedule: "0 10 * * 2", maxUnavailable }],
    });
    (spec["spec"] as Record<string, unknown>)["workload"] = {
      ...(spec["spec"] as Record<string, Record<string, unknown>>)["workload"],
      replicas: 4,
      disruption: { maxUnavailable: 2 },
    };
    const { plan, errors } = tryPlan(spec, oneRegionStack());
    expect(errors).toEqual([]);
    const [chaos] = embeddedChaos(schedules(plan ?? (undefined as never))[0] as never);
    expect(chaos?.spec).toMatchObject(expected);
    expect(chaos?.spec["value"]).toBe((expected as { value?: string }).value);
  });
});

describe("the CRD validation itself", () => {
  const [schedule] = schedules(planExamples("prod").plan);
  if (!schedule) throw new Error("no example Schedule");
  const mutate = (change: (s: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(schedule)) as Record<string, unknown>;
    change(copy);
    return crdErrors("Schedule", copy);
  };
  const tpl = (s: Record<string, unknown>, i: number) =>
    ((s["spec"] as Record<string, Record<string, unknown[]>>)["workflow"]?.["templates"]?.[i] ?? {}) as Record<
      string,
      unknown
    >;

  it.each([
    [
      "abortWithStatusCheck moved into statusCheck",
      (s: Record<string, unknown>) =>
        ((tpl(s, 3)["statusCheck"] as Record<string, unknown>)["abortWithStatusCheck"] = true),
    ],
    [
      "a gate branch without a target",
      (s: Record<string, unknown>) =>
        void delete (tpl(s, 0)["conditionalBranches"] as Record<string, unknown>[])[0]?.["target"],
    ],
    [
      "a gate container without a name",
      (s: Record<string, unknown>) =>
        void delete ((tpl(s, 0)["task"] as Record<string, Record<string, unknown>>)["container"] ?? {})["name"],
    ],
    [
      "an unknown pod-chaos field",
      (s: Record<string, unknown>) => ((tpl(s, 2)["podChaos"] as Record<string, unknown>)["bogus"] = 1),
    ],
    [
      "mode outside the enum",
      (s: Record<string, unknown>) => ((tpl(s, 2)["podChaos"] as Record<string, unknown>)["mode"] = "some"),
    ],
    [
      "a concurrencyPolicy Chaos Mesh does not know",
      (s: Record<string, unknown>) => ((s["spec"] as Record<string, unknown>)["concurrencyPolicy"] = "Replace"),
    ],
  ])("refuses %s", (_, change) => {
    expect(mutate(change)).not.toEqual([]);
  });
});

describe("Schedule names", () => {
  it("stay within Chaos Mesh's 51 characters for the longest service and experiment names, split into the most parts", () => {
    const name = chaosScheduleName(
      "s".repeat(MAX_SERVICE_NAME),
      "e".repeat(MAX_EXPERIMENT_NAME),
      CHAOS_DEFAULTS.maxSchedulesPerExperiment,
    );
    expect(name.length).toBeLessThanOrEqual(CHAOS_SCHEDULE_NAME_MAX);
    expect(CHAOS_SCHEDULE_NAME_MAX).toBe(51);
  });
});
