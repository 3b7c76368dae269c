/**
 * The strict suite found specs that loaded cleanly but rendered objects the API server refuses;
 * the spec now refuses them with a positioned diagnostic. And specs that vary what the examples
 * leave at defaults still render objects that pass every strict check.
 */

import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { renderKubernetes } from "../../components/render/kubernetes.js";
import { baseSpec, exampleStack, loadObject, planObject, setPath } from "../support/project.js";
import { crdErrors } from "./crds.js";
import { openApiErrors } from "./openapi.js";
import { isBuiltIn } from "./rendered.js";
import { clusterProblems, type KubeObject } from "./rules/index.js";

function diagnostics(changes: Record<string, unknown>): string[] {
  const spec = baseSpec();
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return loadObject(spec, exampleStack("dev")).diagnostics.map((d) => `${d.path}: ${d.message}`);
}

function strictProblems(changes: Record<string, unknown>): string[] {
  const spec = baseSpec();
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  const objects = renderKubernetes(planObject(spec, exampleStack("dev"))).flatMap((f) =>
    parseAllDocuments(f.text).map((d) => d.toJS() as KubeObject),
  );
  return [...clusterProblems(objects), ...objects.flatMap((o) => (isBuiltIn(o) ? openApiErrors(o) : crdErrors(o)))];
}

describe("a spec that would render an object the API server refuses", () => {
  it.each([
    [
      "a label value with a space and an ampersand",
      { "metadata.labels": { "cost-center": "R&D 42" } },
      "metadata.labels.cost-center: must be a Kubernetes label value",
    ],
    [
      "a label value of 64 characters",
      { "metadata.labels": { owner: "x".repeat(64) } },
      "metadata.labels.owner: must be a Kubernetes label value",
    ],
    [
      "a label key whose prefix is not a DNS subdomain",
      { "metadata.labels": { "acme..example/owner": "shop" } },
      "metadata.labels.acme..example/owner: key must be a Kubernetes label key: an optional DNS subdomain prefix",
    ],
    [
      "a label key name of 64 characters",
      { "metadata.labels": { ["k".repeat(64)]: "v" } },
      "key must be a Kubernetes label key",
    ],
    [
      "a ServiceAccount annotation key with a space",
      { "spec.workload.serviceAccount": { annotations: { "role arn": "x" } } },
      'spec.workload.serviceAccount.annotations["role arn"]: key must be a Kubernetes annotation key',
    ],
    [
      "ServiceAccount annotations over 256 KiB",
      { "spec.workload.serviceAccount": { annotations: { note: "x".repeat(262_144) } } },
      "spec.workload.serviceAccount.annotations: must total at most 262144 bytes",
    ],
    [
      "a memory limit below the memory request",
      { "spec.workload.resources": { memory: "1Gi", memoryLimit: "512Mi" } },
      "spec.workload.resources.memoryLimit: must keep memoryLimit at least memory, because the API server refuses a container whose limit is below its request; got memory 1Gi and memoryLimit 512Mi",
    ],
    [
      "a memory limit below the tier's default request",
      { "spec.workload.resources": { memoryLimit: "1Mi" } },
      "spec.workload.resources.memoryLimit: must keep memoryLimit at least memory",
    ],
    [
      "a CPU limit below the CPU request",
      { "spec.workload.resources": { cpu: "1", cpuLimit: "500m" } },
      "spec.workload.resources.cpuLimit: must keep cpuLimit at least cpu",
    ],
    [
      "a writable path listed twice",
      { "spec.workload.writablePaths": ["/tmp", "/var/cache", "/tmp"] },
      'spec.workload.writablePaths[2]: must not repeat a path, because the API server refuses two volume mounts at the same path; got "/tmp" again',
    ],
  ])("is refused when it has %s", (_what, changes, expected) => {
    expect(diagnostics(changes).join("\n")).toContain(expected);
  });
});

describe("a spec that varies what the examples leave at defaults", () => {
  it.each([
    [
      "prefixed labels and an empty label value",
      { "metadata.labels": { "acme.example/cost-center": "rd-42", "acme.example/flag": "" } },
    ],
    [
      "ServiceAccount annotations",
      {
        "spec.workload.serviceAccount": {
          annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/orders" },
        },
      },
    ],
    [
      "CPU and memory limits above the requests",
      { "spec.workload.resources": { cpu: "250m", cpuLimit: "1", memory: "256Mi", memoryLimit: "1Gi" } },
    ],
    ["several writable paths", { "spec.workload.writablePaths": ["/tmp", "/var/cache/orders"] }],
    ["autoscaling", { "spec.workload.autoscaling": { min: 2, max: 6, targetCPUPercent: 70 } }],
    ["an exec preStop hook", { "spec.workload.shutdown": { drainSeconds: 20, preStop: "exec" } }],
    ["no drain at all", { "spec.workload.shutdown": { drainSeconds: 0 } }],
    [
      "gRPC, TCP and exec probes",
      {
        "spec.workload.protocol": "grpc",
        "spec.workload.probes": {
          startup: { tcp: {} },
          liveness: { exec: { command: ["/bin/check"] } },
          readiness: { grpc: { service: "orders.v1" } },
        },
      },
    ],
    [
      "HTTP probe headers and environment variables",
      {
        "spec.workload.probes.readiness": { http: { path: "/ready", headers: { "X-Probe": "kubelet" } } },
        "spec.workload.env": { LOG_LEVEL: "debug", _PRIVATE: "1" },
      },
    ],
  ])("renders objects that pass every strict check with %s", (_what, changes) => {
    expect(strictProblems(changes)).toEqual([]);
  });
});
