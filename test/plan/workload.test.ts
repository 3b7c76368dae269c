import type { Probe } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { LABELS, MANAGED_BY, SPEC_HASH_ANNOTATION } from "../../components/core/conventions.js";
import { DEFAULTS, TIER_DEFAULTS } from "../../components/core/defaults.js";
import type { Tier } from "../../components/core/spec/service.js";
import { containerOf, ofKind, planWith, podOf, single } from "./helpers.js";

const window = (p: Probe | undefined): number => (p?.periodSeconds ?? 0) * (p?.failureThreshold ?? 0);

describe("the workload planner's probes", () => {
  it.each([
    [
      "an http check gets the container port and the HTTP scheme",
      { http: { path: "/healthz" } },
      { httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" } },
    ],
    [
      "an http check keeps its own port, scheme, host and headers",
      { http: { path: "/live", port: 9000, scheme: "HTTPS", host: "localhost", headers: { "X-Probe": "1" } } },
      {
        httpGet: {
          path: "/live",
          port: 9000,
          scheme: "HTTPS",
          host: "localhost",
          httpHeaders: [{ name: "X-Probe", value: "1" }],
        },
      },
    ],
    ["a tcp check connects to the container port", { tcp: {} }, { tcpSocket: { port: 8080 } }],
    ["a tcp check keeps its own port", { tcp: { port: 9000 } }, { tcpSocket: { port: 9000 } }],
    ["a grpc check uses the gRPC health protocol on the container port", { grpc: {} }, { grpc: { port: 8080 } }],
    [
      "a grpc check names the health service when given",
      { grpc: { service: "orders.v1.Orders" } },
      { grpc: { port: 8080, service: "orders.v1.Orders" } },
    ],
    [
      "an exec check runs the command",
      { exec: { command: ["/bin/check", "--live"] } },
      { exec: { command: ["/bin/check", "--live"] } },
    ],
  ])("%s", (_name, check, expected) => {
    const c = containerOf(
      planWith({ "spec.workload.probes.liveness": check, "spec.workload.probes.readiness": check }),
    );
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
      const handlers = Object.keys(probe ?? {}).filter((k) => ["httpGet", "tcpSocket", "grpc", "exec"].includes(k));
      expect(handlers).toEqual(Object.keys(expected));
      expect(probe).toMatchObject(expected);
    }
  });

  it("gives the startup probe its own check when the spec names one", () => {
    const c = containerOf(planWith({ "spec.workload.probes.startup": { tcp: {} } }));
    expect(c.startupProbe?.tcpSocket).toEqual({ port: 8080 });
    expect(c.livenessProbe?.httpGet?.path).toBe("/healthz");
  });

  it.each((["critical", "standard", "best-effort"] as Tier[]).map((t) => [t]))(
    "applies the %s tier's timing defaults to every probe",
    (tier) => {
      const d = TIER_DEFAULTS[tier];
      const c = containerOf(planWith({ "metadata.tier": tier, "spec.regions": ["us-east-1"] }));
      expect(c.readinessProbe).toMatchObject({ ...d.readiness, successThreshold: 1 });
      expect(c.livenessProbe).toMatchObject({ ...d.liveness, successThreshold: 1 });
      expect(c.startupProbe).toMatchObject({
        ...d.startup,
        failureThreshold: Math.ceil(d.maxStartupSeconds / d.startup.periodSeconds),
        successThreshold: 1,
      });
      expect(window(c.livenessProbe)).toBeGreaterThan(window(c.readinessProbe));
    },
  );

  it.each([
    [90, 5, 18],
    [100, 30, 4],
    [1, 10, 1],
    [3600, 7, 515],
    [61, 20, 4],
  ])(
    "covers maxStartupSeconds %i with a %is period by a failureThreshold of %i",
    (maxStartupSeconds, periodSeconds, threshold) => {
      const c = containerOf(planWith({ "spec.workload.probes.startup": { maxStartupSeconds, periodSeconds } }));
      expect(c.startupProbe?.failureThreshold).toBe(threshold);
      expect(threshold * periodSeconds).toBeGreaterThanOrEqual(maxStartupSeconds);
      expect((threshold - 1) * periodSeconds).toBeLessThan(maxStartupSeconds);
    },
  );

  it.each([
    [
      "keeps the tier's liveness threshold when its window is already longer",
      { periodSeconds: 10, failureThreshold: 3 },
      {},
      6,
    ],
    [
      "stretches the default liveness threshold past a slow readiness window",
      { periodSeconds: 20, failureThreshold: 5 },
      {},
      11,
    ],
    [
      "stretches past a readiness window equal to liveness's",
      { periodSeconds: 10, failureThreshold: 9 },
      { periodSeconds: 15 },
      7,
    ],
    [
      "stretches past a readiness window with a declared success threshold",
      { periodSeconds: 30, failureThreshold: 3, successThreshold: 2 },
      { periodSeconds: 10 },
      10,
    ],
  ])("%s", (_name, readiness, liveness, threshold) => {
    const c = containerOf(
      planWith({
        "spec.workload.probes.readiness": { http: { path: "/ready" }, ...readiness },
        "spec.workload.probes.liveness": { http: { path: "/healthz" }, ...liveness },
      }),
    );
    expect(c.livenessProbe?.failureThreshold).toBe(threshold);
    expect(window(c.livenessProbe)).toBeGreaterThan(window(c.readinessProbe));
  });
});

describe("the workload planner's shutdown", () => {
  it.each([
    ["sleeps natively for drainSeconds before SIGTERM", { drainSeconds: 12 }, { sleep: { seconds: 12 } }],
    [
      "runs sleep in the container when preStop is exec",
      { drainSeconds: 7, preStop: "exec" },
      { exec: { command: ["sleep", "7"] } },
    ],
    ["uses the tier's drain when none is declared", {}, { sleep: { seconds: TIER_DEFAULTS.standard.drainSeconds } }],
  ])("%s", (_name, shutdown, preStop) => {
    expect(containerOf(planWith({ "spec.workload.shutdown": shutdown })).lifecycle).toEqual({ preStop });
  });

  it.each([["sleep"], ["exec"]])(
    "adds no %s preStop hook when drainSeconds is 0, since a zero sleep is rejected before Kubernetes 1.33",
    (kind) => {
      expect(
        containerOf(planWith({ "spec.workload.shutdown": { drainSeconds: 0, preStop: kind } })).lifecycle,
      ).toBeUndefined();
    },
  );

  it.each([
    [{ drainSeconds: 15, requestTimeoutSeconds: 30 }, 15 + 30 + DEFAULTS.shutdownMarginSeconds],
    [{ drainSeconds: 0, requestTimeoutSeconds: 120 }, 0 + 120 + DEFAULTS.shutdownMarginSeconds],
    [{}, TIER_DEFAULTS.standard.drainSeconds + DEFAULTS.requestTimeoutSeconds + DEFAULTS.shutdownMarginSeconds],
  ])("sets terminationGracePeriodSeconds for %j to drain + request timeout + margin = %i", (shutdown, grace) => {
    expect(podOf(planWith({ "spec.workload.shutdown": shutdown })).terminationGracePeriodSeconds).toBe(grace);
  });
});

describe("the workload planner's pod", () => {
  it.each([
    [
      "limits memory to the request by default",
      { memory: "256Mi" },
      {
        requests: { cpu: DEFAULTS.cpu, memory: "256Mi", "ephemeral-storage": DEFAULTS.ephemeralStorage },
        limits: { memory: "256Mi", "ephemeral-storage": DEFAULTS.ephemeralStorageLimit },
      },
    ],
    [
      "keeps a declared memory limit and CPU limit",
      { cpu: "1", memory: "256Mi", memoryLimit: "1Gi", cpuLimit: "2" },
      {
        requests: { cpu: "1", memory: "256Mi", "ephemeral-storage": DEFAULTS.ephemeralStorage },
        limits: { memory: "1Gi", cpu: "2", "ephemeral-storage": DEFAULTS.ephemeralStorageLimit },
      },
    ],
    [
      "requests the default CPU and memory when none is declared",
      undefined,
      {
        requests: { cpu: DEFAULTS.cpu, memory: DEFAULTS.memory, "ephemeral-storage": DEFAULTS.ephemeralStorage },
        limits: { memory: DEFAULTS.memory, "ephemeral-storage": DEFAULTS.ephemeralStorageLimit },
      },
    ],
    [
      "keeps a declared ephemeral-storage request and limit",
      { ephemeralStorage: "1Gi", ephemeralStorageLimit: "4Gi" },
      {
        requests: { cpu: DEFAULTS.cpu, memory: DEFAULTS.memory, "ephemeral-storage": "1Gi" },
        limits: { memory: DEFAULTS.memory, "ephemeral-storage": "4Gi" },
      },
    ],
  ])("%s", (_name, resources, expected) => {
    expect(containerOf(planWith({ "spec.workload.resources": resources })).resources).toEqual(expected);
  });

  it("runs as a non-root user without privilege escalation, on a read-only root filesystem, with every capability dropped", () => {
    const plan = planWith({});
    expect(podOf(plan).securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: DEFAULTS.runAsUser,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(containerOf(plan).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
  });

  it("mounts every writable path as an emptyDir limited to the container's ephemeral-storage limit", () => {
    const plan = planWith({
      "spec.workload.writablePaths": ["/tmp", "/var/cache"],
      "spec.workload.resources": { ephemeralStorageLimit: "3Gi" },
    });
    const mounts = containerOf(plan).volumeMounts ?? [];
    expect(mounts.map((m) => m.mountPath)).toEqual(["/tmp", "/var/cache"]);
    expect(podOf(plan).volumes?.map((v) => [v.name, v.emptyDir])).toEqual(
      mounts.map((m) => [m.name, { sizeLimit: "3Gi" }]),
    );
  });

  it.each([
    ["does not spread a single replica", { "metadata.tier": "best-effort", "spec.workload.replicas": 1 }, false],
    ["spreads two replicas across zones", { "spec.workload.replicas": 2 }, true],
    [
      "does not spread an autoscaler whose minimum is one",
      { "metadata.tier": "best-effort", "spec.workload.autoscaling": { min: 1, max: 5 } },
      false,
    ],
    ["spreads an autoscaler whose minimum is two", { "spec.workload.autoscaling": { min: 2, max: 5 } }, true],
    [
      "does not spread when the spec turns it off",
      { "spec.workload.replicas": 3, "spec.workload.zoneSpread": false },
      false,
    ],
  ])("%s", (_name, changes, spread) => {
    const constraints = podOf(planWith(changes)).topologySpreadConstraints ?? [];
    expect(constraints.some((c) => c.topologyKey === "topology.kubernetes.io/zone")).toBe(spread);
  });
});

describe("the workload planner's scaling and disruption", () => {
  it("plans a HorizontalPodAutoscaler and leaves replicas off the Deployment when autoscaling", () => {
    const plan = planWith({ "spec.workload.autoscaling": { min: 3, max: 9, targetCPUPercent: 60 } });
    const deployment = single(plan, "Deployment") as { spec: Record<string, unknown> };
    expect("replicas" in deployment.spec).toBe(false);
    expect(single(plan, "HorizontalPodAutoscaler")).toMatchObject({
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "orders" },
        minReplicas: 3,
        maxReplicas: 9,
        metrics: [{ resource: { name: "cpu", target: { averageUtilization: 60 } } }],
      },
    });
  });

  it.each([
    ["fixed replicas", { "spec.workload.replicas": 4 }, 4],
    ["the tier's replica floor", {}, TIER_DEFAULTS.standard.replicas],
  ])("plans no HorizontalPodAutoscaler and sets replicas from %s", (_name, changes, replicas) => {
    const plan = planWith(changes);
    expect(ofKind(plan, "HorizontalPodAutoscaler")).toEqual([]);
    expect(single(plan, "Deployment")).toMatchObject({ spec: { replicas } });
  });

  it.each([
    ["critical", { "spec.regions": ["us-east-1"] }, TIER_DEFAULTS.critical.maxUnavailable],
    ["standard", {}, TIER_DEFAULTS.standard.maxUnavailable],
    ["best-effort", {}, TIER_DEFAULTS["best-effort"].maxUnavailable],
    ["standard", { "spec.workload.disruption": { maxUnavailable: 1 } }, 1],
    ["critical", { "spec.workload.replicas": 4, "spec.workload.disruption": { maxUnavailable: "50%" } }, "50%"],
  ])(
    "gives a %s service's PDB and rolling update the same maxUnavailable (%j → %j)",
    (tier, changes, maxUnavailable) => {
      const plan = planWith({ "metadata.tier": tier, ...changes });
      expect(single(plan, "PodDisruptionBudget")).toMatchObject({
        spec: { maxUnavailable, selector: { matchLabels: { [LABELS.name]: "orders" } } },
      });
      expect(single(plan, "Deployment")).toMatchObject({
        spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable } } },
      });
    },
  );
});

describe("the workload planner's identity", () => {
  it("labels every object with the standard labels, team, tier and environment", () => {
    const plan = planWith({});
    const kinds = ["Namespace", "ServiceAccount", "Deployment", "Service", "PodDisruptionBudget"];
    const resources = plan.services
      .flatMap((s) => s.resources)
      .filter((r) => r.provider === "kubernetes" && kinds.includes(r.type.split(":").pop() ?? ""));
    expect(resources.map((r) => r.type.split(":").pop())).toEqual(kinds);
    for (const r of resources) {
      expect((r.props as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual({
        [LABELS.name]: "orders",
        [LABELS.partOf]: "orders",
        [LABELS.managedBy]: MANAGED_BY,
        [LABELS.team]: "shop",
        [LABELS.tier]: "standard",
        [LABELS.environment]: "dev",
      });
    }
  });

  it("annotates the Deployment with the spec hash and selects its pods by name only", () => {
    const plan = planWith({});
    const deployment = single(plan, "Deployment") as {
      metadata: { annotations: Record<string, string> };
      spec: { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
    };
    expect(deployment.metadata.annotations[SPEC_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
    expect(deployment.metadata.annotations[SPEC_HASH_ANNOTATION]).toBe(plan.services[0]?.specHash);
    expect(deployment.spec.selector).toEqual({ matchLabels: { [LABELS.name]: "orders" } });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ [LABELS.name]: "orders" });
  });

  it.each([
    ["the image", { "spec.workload.image": "ghcr.io/acme/orders:1.0.1" }],
    ["a probe path", { "spec.workload.probes.readiness": { http: { path: "/readyz" } } }],
    ["the objectives", { "spec.objectives.availability": 99.5 }],
    ["the team", { "metadata.team": "checkout" }],
  ])("changes the spec hash when %s changes, and only then", (_name, changes) => {
    const hash = (c: Record<string, unknown>): string | undefined => planWith(c).services[0]?.specHash;
    expect(hash({})).toBe(hash({}));
    expect(hash(changes)).not.toBe(hash({}));
  });

  it("plans every object once per region with region-unique keys and names", () => {
    const plan = planWith({ "metadata.tier": "critical", "spec.regions": ["us-east-1", "eu-west-1"] }, "prod");
    const resources = plan.services.flatMap((s) => s.resources);
    expect(ofKind(plan, "Deployment").map((r) => r.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(new Set(resources.map((r) => r.key)).size).toBe(resources.length);
    expect(new Set(resources.map((r) => `${r.type} ${r.name}`)).size).toBe(resources.length);
  });
});
