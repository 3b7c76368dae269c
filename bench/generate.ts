/**
 * Generated service specs for the benchmark: realistic variations of the example services
 * (tiers, scaling, probe kinds, resources, overlays), every one in `regions`.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { SpecText } from "../components/spec/load.js";

const EXAMPLES = ["checkout", "inventory", "report-worker"] as const;

type Spec = { metadata: { name: string }; spec: Record<string, unknown> & { workload: Record<string, unknown> } };

function examples(root: string): Spec[] {
  return EXAMPLES.map((name) => parse(readFileSync(join(root, "services", `${name}.yaml`), "utf8")) as Spec);
}

const PROBES = [
  { liveness: { http: { path: "/healthz" } }, readiness: { http: { path: "/ready" } } },
  { liveness: { tcp: {} }, readiness: { http: { path: "/ready" }, periodSeconds: 5 } },
  { startup: { grpc: {}, maxStartupSeconds: 90 }, liveness: { grpc: {} }, readiness: { grpc: {} } },
  { liveness: { exec: { command: ["/app/health", "--live"] } }, readiness: { tcp: {} } },
];

/** One generated spec: example `i % 3`, renamed and varied by `i`. */
export function generateSpec(template: Spec, i: number, regions: readonly string[]): Spec {
  const spec = structuredClone(template);
  const name = `${spec.metadata.name}-${i}`;
  spec.metadata.name = name;
  spec.spec["regions"] = [...regions];
  const w = spec.spec.workload;
  w["image"] = `ghcr.io/acme/${name}:1.${i % 50}.${i % 7}`;
  if (w["autoscaling"] === undefined) w["replicas"] = 2 + (i % 4);
  w["resources"] = { cpu: `${100 + (i % 8) * 50}m`, memory: `${128 * (1 + (i % 6))}Mi` };
  if (spec.spec["workload"] && w["protocol"] !== "grpc") w["probes"] = PROBES[i % 4 === 2 ? 0 : i % 4];
  const dns = spec.spec["dns"] as Record<string, unknown> | undefined;
  if (dns) dns["name"] = `${name}.acme.example`;
  const db = spec.spec["database"] as Record<string, unknown> | undefined;
  if (db) db["secondaryRegions"] = regions.filter((r) => r !== db["primaryRegion"]);
  return spec;
}

/** `count` spec texts named `services/<name>.yaml`. */
export function generateServices(root: string, count: number, regions: readonly string[]): SpecText[] {
  const templates = examples(root);
  return Array.from({ length: count }, (_, i) => {
    const spec = generateSpec(templates[i % templates.length] as Spec, i, regions);
    return { file: `services/${spec.metadata.name}.yaml`, text: stringify(spec) };
  });
}
