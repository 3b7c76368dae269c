import type { Namespace, Service } from "kubernetes-types/core/v1";
import { containerOf, on, onDeployment, podOf, type Planted } from "./types.js";

/** Planted defects for the metadata, container and probe rules. */
export const CONTAINER_DEFECTS: readonly Planted[] = [
  onDeployment(
    "object-name",
    "an upper-case Deployment name",
    "DNS-1123 subdomain",
    (d) => void (d.metadata = { ...d.metadata, name: "Checkout" }),
  ),
  onDeployment(
    "object-name",
    "a Deployment name of 254 characters",
    "no more than 253 characters",
    (d) => void (d.metadata = { ...d.metadata, name: "a".repeat(254) }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "object-name",
    "a Service name that starts with a digit",
    "DNS-1035 label",
    (s) => void (s.metadata = { ...s.metadata, name: "1checkout" }),
  ),
  on<Namespace>(
    "Namespace",
    "checkout",
    "object-name",
    "a Namespace name with a dot",
    "DNS-1123 label",
    (n) => void (n.metadata = { ...n.metadata, name: "check.out" }),
  ),
  on<Service>(
    "Service",
    "checkout",
    "namespace-name",
    "a namespaced object without a namespace",
    "must be set",
    (s) => void delete s.metadata?.namespace,
  ),
  on<Namespace>(
    "Namespace",
    "checkout",
    "namespace-name",
    "a namespace on a Namespace",
    "not allowed on Namespace",
    (n) => void (n.metadata = { ...n.metadata, namespace: "default" }),
  ),
  onDeployment(
    "labels",
    "a label value of 64 characters",
    "label value must be no more than 63 characters",
    (d) => void (d.metadata = { ...d.metadata, labels: { team: "x".repeat(64) } }),
  ),
  onDeployment(
    "labels",
    "a label key with a space",
    "label key name part",
    (d) => void (d.metadata = { ...d.metadata, labels: { "cost center": "rd" } }),
  ),
  onDeployment("labels", "a pod template label value with a space", "spec.template.metadata.labels", (d) => {
    const labels = d.spec?.template.metadata?.labels;
    if (labels) labels["team"] = "R&D team";
  }),
  onDeployment(
    "annotations",
    "an annotation key with a space",
    "annotation key",
    (d) => void (d.metadata = { ...d.metadata, annotations: { "spec hash": "1" } }),
  ),
  onDeployment(
    "annotations",
    "annotations over 256 KiB",
    "may not be more than 262144 bytes",
    (d) => void (d.metadata = { ...d.metadata, annotations: { big: "x".repeat(262_144) } }),
  ),
  onDeployment(
    "container-names",
    "two containers with one name",
    "duplicate container name",
    (d) => void podOf(d).containers.push({ ...containerOf(d) }),
  ),
  onDeployment(
    "container-names",
    "an upper-case container name",
    "lowercase RFC 1123 label",
    (d) => void (containerOf(d).name = "Checkout"),
  ),
  onDeployment(
    "container-names",
    "a pod without containers",
    "at least one container",
    (d) => void (podOf(d).containers = []),
  ),
  onDeployment(
    "container-image",
    "a container without an image",
    "is required",
    (d) => void (containerOf(d).image = ""),
  ),
  onDeployment(
    "container-image",
    "an image with a trailing space",
    "leading or trailing whitespace",
    (d) => void (containerOf(d).image = "ghcr.io/acme/checkout:1.8.2 "),
  ),
  onDeployment(
    "container-ports",
    "container port 0",
    "between 1 and 65535",
    (d) => void (containerOf(d).ports = [{ name: "http", containerPort: 0 }]),
  ),
  onDeployment(
    "container-ports",
    "a port name of 16 characters",
    "no more than 15 characters",
    (d) => void (containerOf(d).ports = [{ name: "http-public-main", containerPort: 8080 }]),
  ),
  onDeployment(
    "container-ports",
    "an upper-case port name",
    "lower-case alphanumerics",
    (d) => void (containerOf(d).ports = [{ name: "HTTP", containerPort: 8080 }]),
  ),
  onDeployment(
    "container-ports",
    "two ports with one name",
    "duplicate port name",
    (d) =>
      void (containerOf(d).ports = [
        { name: "http", containerPort: 8080 },
        { name: "http", containerPort: 8081 },
      ]),
  ),
  onDeployment(
    "container-ports",
    "protocol HTTP",
    "must be one of TCP, UDP, SCTP",
    (d) => void (containerOf(d).ports = [{ name: "http", containerPort: 8080, protocol: "HTTP" }]),
  ),
  onDeployment(
    "env-vars",
    "an environment variable name starting with a digit",
    "must not start with a digit",
    (d) => void (containerOf(d).env = [{ name: "1LOG_LEVEL", value: "info" }]),
  ),
  onDeployment(
    "env-vars",
    "an environment variable with a value and valueFrom",
    "may not have both value and valueFrom",
    (d) =>
      void (containerOf(d).env = [
        { name: "POD", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      ]),
  ),
  onDeployment(
    "resource-limits",
    "a memory limit below its request",
    "must be less than or equal to the memory limit 256Mi",
    (d) => void (containerOf(d).resources = { requests: { memory: "512Mi" }, limits: { memory: "256Mi" } }),
  ),
  onDeployment(
    "resource-limits",
    "a CPU limit below its request",
    "must be less than or equal to the cpu limit 250m",
    (d) => void (containerOf(d).resources = { requests: { cpu: "0.5" }, limits: { cpu: "250m" } }),
  ),
  onDeployment(
    "resource-limits",
    "a quantity that does not parse",
    "is not a quantity",
    (d) => void (containerOf(d).resources = { requests: { memory: "512MB" } }),
  ),
  onDeployment(
    "volume-mounts",
    "a mount of a volume the pod does not have",
    "is not a volume of the pod",
    (d) => void (containerOf(d).volumeMounts = [{ name: "cache", mountPath: "/cache" }]),
  ),
  onDeployment("volume-mounts", "two mounts at one path", "must be unique", (d) => {
    podOf(d).volumes = [
      { name: "a", emptyDir: {} },
      { name: "b", emptyDir: {} },
    ];
    containerOf(d).volumeMounts = [
      { name: "a", mountPath: "/tmp" },
      { name: "b", mountPath: "/tmp" },
    ];
  }),
  onDeployment(
    "probe-handler",
    "a probe with two handlers",
    "may not specify more than 1 handler type",
    (d) => void (containerOf(d).livenessProbe = { httpGet: { path: "/", port: 8080 }, tcpSocket: { port: 8080 } }),
  ),
  onDeployment(
    "probe-handler",
    "a probe without a handler",
    "must specify a handler type",
    (d) => void (containerOf(d).readinessProbe = { periodSeconds: 5 }),
  ),
  onDeployment(
    "probe-handler",
    "a gRPC probe on port 0",
    "between 1 and 65535",
    (d) => void (containerOf(d).livenessProbe = { grpc: { port: 0 } }),
  ),
  onDeployment(
    "probe-handler",
    "an HTTP probe with scheme FTP",
    "must be HTTP or HTTPS",
    (d) => void (containerOf(d).livenessProbe = { httpGet: { path: "/", port: 8080, scheme: "FTP" } }),
  ),
  onDeployment(
    "probe-timing",
    "periodSeconds 0",
    "must be at least 1",
    (d) => void (containerOf(d).readinessProbe = { tcpSocket: { port: 8080 }, periodSeconds: 0 }),
  ),
  onDeployment(
    "probe-timing",
    "a liveness successThreshold of 2",
    "must be 1 for livenessProbe",
    (d) => void (containerOf(d).livenessProbe = { tcpSocket: { port: 8080 }, successThreshold: 2 }),
  ),
  onDeployment(
    "probe-timing",
    "a startup successThreshold of 3",
    "must be 1 for startupProbe",
    (d) => void (containerOf(d).startupProbe = { tcpSocket: { port: 8080 }, successThreshold: 3 }),
  ),
  onDeployment(
    "probe-timing",
    "terminationGracePeriodSeconds on a readiness probe",
    "must not be set for readinessProbe",
    (d) => void (containerOf(d).readinessProbe = { tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 10 }),
  ),
  onDeployment(
    "probe-timing",
    "a liveness probe terminationGracePeriodSeconds of 0",
    "must be greater than 0",
    (d) => void (containerOf(d).livenessProbe = { tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 0 }),
  ),
  onDeployment(
    "probe-port-exists",
    "a probe on a port name the container does not declare",
    '"metrics" is not a port name',
    (d) => void (containerOf(d).livenessProbe = { httpGet: { path: "/", port: "metrics" } }),
  ),
  onDeployment(
    "lifecycle-handler",
    "a preStop hook with sleep and exec",
    "may not specify more than 1 handler type",
    (d) => void (containerOf(d).lifecycle = { preStop: { sleep: { seconds: 5 }, exec: { command: ["sleep", "5"] } } }),
  ),
  onDeployment(
    "prestop-sleep",
    "a preStop sleep longer than the grace period",
    "less than or equal to terminationGracePeriodSeconds (50), got 51",
    (d) => void (containerOf(d).lifecycle = { preStop: { sleep: { seconds: 51 } } }),
  ),
  onDeployment(
    "prestop-sleep",
    "a preStop sleep of 0 seconds",
    "must be greater than 0",
    (d) => void (containerOf(d).lifecycle = { preStop: { sleep: { seconds: 0 } } }),
  ),
];
