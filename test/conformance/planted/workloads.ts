import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2";
import type { Service } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { containerOf, on, onDeployment, podOf, type Planted } from "./types.js";

interface AlertmanagerConfig {
  spec: { route: { receiver: string }; receivers: { name: string }[] };
}

interface PrometheusRule {
  spec: { groups: { name: string; rules: Record<string, unknown>[] }[] };
}

const zoneSpread = { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" };

/** Planted defects for the pod, Deployment, Service, PDB, HPA and prometheus-operator rules. */
export const WORKLOAD_DEFECTS: readonly Planted[] = [
  onDeployment(
    "pod-volumes",
    "two volumes with one name",
    "duplicate volume name",
    (d) =>
      void (podOf(d).volumes = [
        { name: "tmp", emptyDir: {} },
        { name: "tmp", emptyDir: {} },
      ]),
  ),
  onDeployment(
    "pod-volumes",
    "a volume with two sources",
    "exactly one volume source",
    (d) => void (podOf(d).volumes = [{ name: "writable-0", emptyDir: {}, configMap: { name: "x" } }]),
  ),
  onDeployment(
    "topology-spread",
    "maxSkew 0",
    "must be greater than 0, got 0",
    (d) => void (podOf(d).topologySpreadConstraints = [{ ...zoneSpread, maxSkew: 0 }]),
  ),
  onDeployment(
    "topology-spread",
    "an unknown whenUnsatisfiable",
    "must be one of DoNotSchedule, ScheduleAnyway",
    (d) => void (podOf(d).topologySpreadConstraints = [{ ...zoneSpread, whenUnsatisfiable: "Maybe" }]),
  ),
  onDeployment(
    "topology-spread",
    "minDomains with ScheduleAnyway",
    "only be set when whenUnsatisfiable is DoNotSchedule",
    (d) => void (podOf(d).topologySpreadConstraints = [{ ...zoneSpread, minDomains: 2 }]),
  ),
  onDeployment(
    "topology-spread",
    "two constraints on one key and policy",
    "duplicate {topologyKey, whenUnsatisfiable} pair",
    (d) => void (podOf(d).topologySpreadConstraints = [zoneSpread, { ...zoneSpread, maxSkew: 2 }]),
  ),
  onDeployment(
    "security-context",
    "a negative runAsUser",
    "must be between 0 and 2147483647",
    (d) => void (podOf(d).securityContext = { runAsUser: -1 }),
  ),
  onDeployment(
    "security-context",
    "runAsNonRoot with uid 0",
    "the kubelet refuses to start the container",
    (d) => void (podOf(d).securityContext = { runAsNonRoot: true, runAsUser: 0 }),
  ),
  onDeployment(
    "security-context",
    "a privileged container that may not escalate",
    "cannot be false while privileged is true",
    (d) => void (containerOf(d).securityContext = { allowPrivilegeEscalation: false, privileged: true }),
  ),
  onDeployment(
    "security-context",
    "a Localhost seccomp profile without a file",
    "must be set if and only if type is Localhost",
    (d) => void (podOf(d).securityContext = { seccompProfile: { type: "Localhost" } }),
  ),
  onDeployment(
    "pod-fields",
    "an invalid serviceAccountName",
    "RFC 1123 subdomain",
    (d) => void (podOf(d).serviceAccountName = "Checkout_SA"),
  ),
  onDeployment(
    "pod-fields",
    "a negative grace period",
    "must be greater than or equal to 0",
    (d) => void (podOf(d).terminationGracePeriodSeconds = -1),
  ),
  onDeployment(
    "pod-fields",
    "restartPolicy Never in a Deployment",
    "must be Always for a Deployment",
    (d) => void (podOf(d).restartPolicy = "Never"),
  ),
  onDeployment(
    "deployment-selector",
    "a selector that misses the template labels",
    "`selector` does not match template `labels`",
    (d) => void (d.spec && (d.spec.selector = { matchLabels: { app: "other" } })),
  ),
  onDeployment(
    "deployment-selector",
    "an empty selector",
    "empty selector is invalid",
    (d) => void (d.spec && (d.spec.selector = {})),
  ),
  onDeployment(
    "deployment-strategy",
    "maxUnavailable and maxSurge both 0",
    "may not be 0 when maxSurge is 0",
    (d) =>
      void (
        d.spec && (d.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "0%" } })
      ),
  ),
  onDeployment(
    "deployment-strategy",
    "maxUnavailable 150%",
    "must not be greater than 100%",
    (d) => void (d.spec && (d.spec.strategy = { rollingUpdate: { maxUnavailable: "150%" } })),
  ),
  onDeployment(
    "deployment-strategy",
    "a percentage without %",
    "must be an integer or a percentage",
    (d) => void (d.spec && (d.spec.strategy = { rollingUpdate: { maxSurge: "25" } })),
  ),
  onDeployment(
    "deployment-strategy",
    "rollingUpdate with type Recreate",
    "may not be specified when strategy type is Recreate",
    (d) => void (d.spec && (d.spec.strategy = { type: "Recreate", rollingUpdate: { maxSurge: 1 } })),
  ),
  onDeployment(
    "deployment-counts",
    "replicas -1",
    "must be greater than or equal to 0, got -1",
    (d) => void (d.spec && (d.spec.replicas = -1)),
  ),
  onDeployment(
    "deployment-counts",
    "a progress deadline not above minReadySeconds",
    "must be greater than minReadySeconds (30)",
    (d) => void (d.spec && Object.assign(d.spec, { minReadySeconds: 30, progressDeadlineSeconds: 30 })),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-spec",
    "Service type Internal",
    "must be one of ClusterIP, NodePort, LoadBalancer, ExternalName",
    (s) => void (s.spec = { ...s.spec, type: "Internal" }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-spec",
    "a selector value with a space",
    "label value",
    (s) => void (s.spec = { ...s.spec, selector: { app: "check out" } }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-ports",
    "a ClusterIP Service without ports",
    "spec.ports: is required",
    (s) => void (s.spec = { ...s.spec, ports: [] }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-ports",
    "two unnamed ports",
    "is required when a Service has more than one port",
    (s) => void (s.spec = { ...s.spec, ports: [{ port: 80 }, { port: 81 }] }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-ports",
    "port 70000",
    "between 1 and 65535",
    (s) => void (s.spec = { ...s.spec, ports: [{ name: "http", port: 70_000 }] }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-ports",
    "an invalid targetPort name",
    "lower-case alphanumerics",
    (s) => void (s.spec = { ...s.spec, ports: [{ name: "http", port: 80, targetPort: "HTTP_PORT" }] }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "service-ports",
    "one port number twice",
    "duplicate port 80/TCP",
    (s) =>
      void (s.spec = {
        ...s.spec,
        ports: [
          { name: "a", port: 80 },
          { name: "b", port: 80, protocol: "TCP" },
        ],
      }),
  ),
  on<PodDisruptionBudget>(
    "PodDisruptionBudget",
    "checkout",
    "pdb-budget",
    "minAvailable and maxUnavailable both set",
    "cannot be both set",
    (p) => void (p.spec = { ...p.spec, minAvailable: 1, maxUnavailable: 1 }),
  ),
  on<PodDisruptionBudget>(
    "PodDisruptionBudget",
    "checkout",
    "pdb-budget",
    "neither minAvailable nor maxUnavailable",
    "must set minAvailable or maxUnavailable",
    (p) => void delete p.spec?.maxUnavailable,
  ),
  on<PodDisruptionBudget>(
    "PodDisruptionBudget",
    "checkout",
    "pdb-budget",
    "maxUnavailable 120%",
    "must not be greater than 100%",
    (p) => void (p.spec = { ...p.spec, maxUnavailable: "120%" }),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-replicas",
    "minReplicas 0",
    "must be greater than or equal to 1",
    (h) => void (h.spec && (h.spec.minReplicas = 0)),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-replicas",
    "maxReplicas below minReplicas",
    "must be greater than or equal to minReplicas (3)",
    (h) => void (h.spec && (h.spec.maxReplicas = 2)),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-spec",
    "a Utilization target without averageUtilization",
    "averageUtilization: must be set when type is Utilization",
    (h) =>
      void (
        h.spec && (h.spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } }])
      ),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-spec",
    "a metric type Cpu",
    "must be one of Object, Pods, Resource",
    (h) => void (h.spec && (h.spec.metrics = [{ type: "Cpu" }])),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-spec",
    "a stabilization window of 4000 s",
    "must be between 0 and 3600",
    (h) => void (h.spec && (h.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 4000 } })),
  ),
  on<HorizontalPodAutoscaler>(
    "HorizontalPodAutoscaler",
    "inventory",
    "hpa-spec",
    "an explicitly empty policy list",
    "must specify at least one policy",
    (h) => void (h.spec && (h.spec.behavior = { scaleUp: { policies: [] } })),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "alertmanager-config-routes",
    "a route to an undeclared receiver",
    'receiver "pager-nobody" not found',
    (a) => void (a.spec.route.receiver = "pager-nobody"),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "alertmanager-config-routes",
    "two receivers with one name",
    "duplicate receiver name",
    (a) => void a.spec.receivers.push({ name: a.spec.receivers[0]?.name ?? "" }),
  ),
  on<PrometheusRule>(
    "PrometheusRule",
    "checkout",
    "prometheus-rule-groups",
    "two groups with one name",
    "is repeated in the same object",
    (p) => void p.spec.groups.push({ ...(p.spec.groups[0] ?? { name: "", rules: [] }) }),
  ),
  on<PrometheusRule>(
    "PrometheusRule",
    "checkout",
    "prometheus-rule-groups",
    "a rule that both records and alerts",
    "exactly one of record and alert",
    (p) => void (p.spec.groups[0]?.rules[0] && (p.spec.groups[0].rules[0]["alert"] = "X")),
  ),
  on<PrometheusRule>(
    "PrometheusRule",
    "checkout",
    "prometheus-rule-groups",
    "a recording name with a space",
    "is not a valid metric name",
    (p) => void (p.spec.groups[0]?.rules[0] && (p.spec.groups[0].rules[0]["record"] = "slo:error rate")),
  ),
];
