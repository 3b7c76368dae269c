import type { Service } from "kubernetes-types/core/v1";
import { containerOf, on, onDeployment, podOf, type Planted } from "./types.js";

/** The schema checks a planted defect can name instead of a value rule. */
export const SCHEMA_CHECKS = ["openapi", "crd", "amtool"] as const;

interface AlertmanagerConfig {
  spec: {
    route: Record<string, unknown> & { matchers: Record<string, unknown>[] };
    receivers: Record<string, unknown>[];
  };
}

/** Planted defects the strict schemas (vendored OpenAPI and CRDs) and `amtool check-config` must catch. */
export const SCHEMA_DEFECTS: readonly Planted[] = [
  onDeployment(
    "openapi",
    "an unknown field (a typo in spec)",
    '"additionalProperty":"replica"',
    (d) => void Object.assign(d.spec ?? {}, { replica: 3 }),
  ),
  onDeployment(
    "openapi",
    "a probe field misplaced on the container",
    '"additionalProperty":"periodSeconds"',
    (d) => void Object.assign(containerOf(d), { periodSeconds: 10 }),
  ),
  onDeployment(
    "openapi",
    "a fractional int-or-string",
    "/spec/strategy/rollingUpdate/maxUnavailable must be integer,string",
    (d) => void (d.spec && (d.spec.strategy = { rollingUpdate: { maxUnavailable: 1.5 } })),
  ),
  onDeployment(
    "openapi",
    "a memory request in a unit Kubernetes does not know",
    'must match format "quantity"',
    (d) => void (containerOf(d).resources = { requests: { memory: "512MB" } }),
  ),
  onDeployment(
    "openapi",
    "two containers with one name (a duplicate list-map key)",
    "same list-map key",
    (d) => void podOf(d).containers.push({ ...containerOf(d) }),
  ),
  onDeployment(
    "openapi",
    "a numeric label value",
    "/metadata/labels/team must be string",
    (d) => void (d.metadata = { ...d.metadata, labels: { team: 7 as unknown as string } }),
  ),
  onDeployment(
    "openapi",
    "a container without a name",
    "must have required property 'name'",
    (d) => void delete (containerOf(d) as { name?: string }).name,
  ),
  onDeployment(
    "openapi",
    "a container port beyond int32",
    'must match format "int32"',
    (d) => void (containerOf(d).ports = [{ name: "http", containerPort: 2 ** 32 }]),
  ),
  on<Service>(
    "Service",
    "checkout",
    "openapi",
    "a Service port given as a string",
    "/spec/ports/0/port must be integer",
    (s) => void (s.spec = { ...s.spec, ports: [{ name: "http", port: "8080" as unknown as number }] }),
  ),
  on<{ spec: { groups: { rules: Record<string, unknown>[] }[] } }>(
    "PrometheusRule",
    "checkout",
    "crd",
    "a rule field named expression instead of expr",
    '"additionalProperty":"expression"',
    (p) => void (p.spec.groups[0]?.rules[0] && (p.spec.groups[0].rules[0]["expression"] = "up")),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "crd",
    "matchers misplaced on a receiver",
    '"additionalProperty":"matchers"',
    (a) => void (a.spec.receivers[0] && (a.spec.receivers[0]["matchers"] = [])),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "crd",
    "a group wait in words",
    "/spec/route/groupWait must match pattern",
    (a) => void (a.spec.route["groupWait"] = "30 seconds"),
  ),
  on<{ spec: Record<string, unknown> }>(
    "Schedule",
    undefined,
    "crd",
    "an unknown Schedule field",
    '"additionalProperty":"concurrency"',
    (s) => void (s.spec["concurrency"] = 1),
  ),
  on<{ metadata: Record<string, unknown> }>(
    "PrometheusRule",
    "checkout",
    "crd",
    "a metadata typo the CRD schema leaves open",
    '/metadata/ must NOT have additional properties {"additionalProperty":"label"}',
    (p) => void (p.metadata["label"] = { role: "alert-rules" }),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "amtool",
    "a regular-expression matcher that does not compile",
    "error parsing regexp",
    (a) => void a.spec.route.matchers.push({ name: "team", value: "([", matchType: "=~" }),
  ),
  on<AlertmanagerConfig>(
    "AlertmanagerConfig",
    "checkout",
    "amtool",
    "a Slack receiver without an API URL",
    "no global Slack API URL set",
    (a) => {
      const slack = a.spec.receivers.flatMap(
        (r) => (r["slackConfigs"] as Record<string, unknown>[] | undefined) ?? [],
      )[0];
      if (!slack) throw new Error("baseline AlertmanagerConfig of checkout has no Slack receiver");
      delete slack["apiURL"];
    },
  ),
];
