/**
 * Container fields as `validateContainers` checks them in core/v1 validation: names, image,
 * ports, environment variables, resources and volume mounts.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/core/validation/validation.go
 */

import type { Container, PodSpec } from "kubernetes-types/core/v1";
import { podTemplates, quantityValue, type KubeObject, type ObjectRule, type Report } from "./core.js";
import { dns1123Label, envVarName, ianaSvcName, portNumber, qualifiedName } from "./names.js";

/** A container of a pod template with its path and pod. */
export interface ContainerAt {
  /** The container. */
  readonly container: Container;
  /** Its path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  /** The pod spec it belongs to. */
  readonly pod: PodSpec;
  /** Path of the pod spec. */
  readonly podPath: string;
}

/** Every init and regular container of every pod template of an object. */
export function containersOf(object: KubeObject): ContainerAt[] {
  return podTemplates(object).flatMap(({ path, template }) => {
    const pod = template.spec ?? { containers: [] };
    const podPath = `${path}.spec`;
    return (["initContainers", "containers"] as const).flatMap((field) =>
      (pod[field] ?? []).map((container, i) => ({ container, path: `${podPath}.${field}[${i}]`, pod, podPath })),
    );
  });
}

/** Pod specs of an object with their paths. */
export function podsOf(object: KubeObject): { readonly pod: PodSpec; readonly path: string }[] {
  return podTemplates(object).flatMap(({ path, template }) =>
    template.spec ? [{ pod: template.spec, path: `${path}.spec` }] : [],
  );
}

function each(object: KubeObject, report: Report, check: (at: ContainerAt, report: Report) => void): void {
  for (const at of containersOf(object)) check(at, report);
}

const PROTOCOLS = ["TCP", "UDP", "SCTP"];

const containerNames: ObjectRule = {
  name: "container-names",
  summary:
    "a pod has at least one container; container names are DNS-1123 labels, unique across init and regular containers",
  check: (object, report) => {
    for (const { pod, path } of podsOf(object)) {
      if ((pod.containers ?? []).length === 0) report(`${path}.containers`, "must have at least one container");
      const names = [...(pod.initContainers ?? []), ...(pod.containers ?? [])].map((c) => c.name);
      names.forEach((name, i) => {
        for (const p of dns1123Label(name ?? "")) report(`${path} container ${i}`, `name ${p}`);
        if (names.indexOf(name) !== i)
          report(`${path} container ${i}`, `duplicate container name ${JSON.stringify(name)}`);
      });
    }
  },
};

const containerImage: ObjectRule = {
  name: "container-image",
  summary: "every regular and init container names an image without surrounding whitespace",
  check: (object, report) =>
    each(object, report, ({ container, path }, r) => {
      if (!container.image) r(`${path}.image`, "is required");
      else if (container.image.trim() !== container.image)
        r(`${path}.image`, "must not have leading or trailing whitespace");
    }),
};

const containerPorts: ObjectRule = {
  name: "container-ports",
  summary:
    "container ports are 1-65535 with protocol TCP/UDP/SCTP; port names are IANA_SVC_NAMEs (≤15) unique within the container",
  check: (object, report) =>
    each(object, report, ({ container, path }, r) => {
      const names = new Set<string>();
      (container.ports ?? []).forEach((port, i) => {
        const at = `${path}.ports[${i}]`;
        for (const p of portNumber(port.containerPort)) r(`${at}.containerPort`, p);
        if (port.hostPort !== undefined && port.hostPort !== 0)
          for (const p of portNumber(port.hostPort)) r(`${at}.hostPort`, p);
        if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol))
          r(`${at}.protocol`, `must be one of ${PROTOCOLS.join(", ")}, got ${port.protocol}`);
        if (port.name === undefined) return;
        for (const p of ianaSvcName(port.name)) r(`${at}.name`, p);
        if (names.has(port.name)) r(`${at}.name`, `duplicate port name ${JSON.stringify(port.name)}`);
        names.add(port.name);
      });
    }),
};

const envVars: ObjectRule = {
  name: "env-vars",
  summary:
    "environment variable names are valid (letters, digits, '_', '-', '.'; no leading digit) and each has a value or exactly one valueFrom source",
  check: (object, report) =>
    each(object, report, ({ container, path }, r) => {
      (container.env ?? []).forEach((env, i) => {
        const at = `${path}.env[${i}]`;
        for (const p of envVarName(env.name ?? "")) r(`${at}.name`, p);
        if (env.valueFrom === undefined) return;
        if (env.value !== undefined && env.value !== "") r(at, "may not have both value and valueFrom");
        const sources = Object.keys(env.valueFrom).length;
        if (sources !== 1) r(`${at}.valueFrom`, `must have exactly one source, got ${sources}`);
      });
    }),
};

function checkResources(container: Container, path: string, report: Report): void {
  const { requests = {}, limits = {} } = container.resources ?? {};
  for (const [field, map] of [
    ["requests", requests],
    ["limits", limits],
  ] as const) {
    for (const [name, quantity] of Object.entries(map)) {
      const at = `${path}.resources.${field}.${name}`;
      for (const p of qualifiedName(name)) report(at, `resource name ${p}`);
      const value = quantityValue(quantity);
      if (value === undefined) report(at, `${JSON.stringify(quantity)} is not a quantity`);
      else if (value < 0) report(at, `must be greater than or equal to 0, got ${quantity}`);
    }
  }
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit === undefined) continue;
    const [r, l] = [quantityValue(request), quantityValue(limit)];
    if (r !== undefined && l !== undefined && r > l)
      report(
        `${path}.resources.requests.${name}`,
        `must be less than or equal to the ${name} limit ${limit}, got ${request}`,
      );
  }
}

const resourceLimits: ObjectRule = {
  name: "resource-limits",
  summary:
    "resource quantities parse and are non-negative, and each limit is at least its request (ValidateResourceRequirements)",
  check: (object, report) => each(object, report, ({ container, path }, r) => checkResources(container, path, r)),
};

const volumeMounts: ObjectRule = {
  name: "volume-mounts",
  summary: "a volume mount names a volume of the pod, has a mount path, and no two mounts of a container share a path",
  check: (object, report) =>
    each(object, report, ({ container, path, pod }, r) => {
      const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
      const paths = new Set<string>();
      (container.volumeMounts ?? []).forEach((mount, i) => {
        const at = `${path}.volumeMounts[${i}]`;
        if (!volumes.has(mount.name)) r(`${at}.name`, `${JSON.stringify(mount.name)} is not a volume of the pod`);
        if (!mount.mountPath) r(`${at}.mountPath`, "is required");
        else if (paths.has(mount.mountPath)) r(`${at}.mountPath`, `${mount.mountPath} must be unique`);
        paths.add(mount.mountPath);
        if (mount.subPath?.split("/").includes("..")) r(`${at}.subPath`, "must not contain '..'");
      });
    }),
};

/** The container rules. */
export const CONTAINER_RULES: readonly ObjectRule[] = [
  containerNames,
  containerImage,
  containerPorts,
  envVars,
  resourceLimits,
  volumeMounts,
];
