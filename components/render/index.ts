import type { Plan, PlannedProvider, ServicePlan, SharedPlan } from "../core/plan/types.js";
import type { OutputFile, OutputPieces } from "./files.js";
import { serviceManifestPieces, sharedManifests } from "./kubernetes.js";

/** What `plan.json` holds besides the services. */
export type PlanHead = Pick<Plan, "stack" | "environment"> & {
  readonly providers: readonly PlannedProvider[];
  readonly shared?: SharedPlan;
};

/**
 * The files `reliability plan` writes for one service: its Kubernetes manifests per region, then
 * its AWS resources (`aws/<service>.json`, only when it has any).
 */
export function renderServiceFiles(stack: string, service: ServicePlan): OutputFile[] {
  return renderServicePieces(stack, service).map((f) => ({ path: f.path, text: f.pieces.join("") }));
}

/** {@link renderServiceFiles} with each file's text as the pieces it is made of, for a writer that never joins them. */
export function renderServicePieces(stack: string, service: ServicePlan): OutputPieces[] {
  const files: OutputPieces[] = serviceManifestPieces(stack, service).map((f) => ({ path: f.path, pieces: f.pieces }));
  const aws = service.resources.filter((r) => r.provider === "aws");
  if (aws.length === 0) return files;
  const resources = aws.map((r) => ({
    key: r.key,
    type: r.type,
    name: r.name,
    region: r.region,
    props: r.props,
    opts: r.opts,
  }));
  files.push({
    path: `aws/${service.service}.json`,
    pieces: [`${JSON.stringify({ service: service.service, stack, resources }, null, 2)}\n`],
  });
  return files;
}

/** The files of what the stack shares: its Kubernetes manifests per region. */
export function sharedFiles(stack: string, shared: SharedPlan): OutputFile[] {
  return sharedManifests(stack, shared).map((f) => ({ path: f.path, text: f.text }));
}

/** One service as it stands in `plan.json`. */
export function servicePlanJson(service: ServicePlan): string {
  return servicePlanJsonPieces(service).join("");
}

/**
 * {@link servicePlanJson} as pieces, one per resource plus what stands around them, for a writer
 * that never builds the service's whole JSON (a couple of hundred kilobytes) as one string.
 * Joined, they are `JSON.stringify(service)`: members in the same order, those without a JSON
 * value left out.
 */
export function servicePlanJsonPieces(service: ServicePlan): string[] {
  const pieces: string[] = [];
  let text = "{";
  let comma = "";
  for (const [key, value] of Object.entries(service)) {
    if (key === "resources") {
      pieces.push(`${text}${comma}"resources":[`);
      service.resources.forEach((r, i) => pieces.push(`${i === 0 ? "" : ","}${JSON.stringify(r)}`));
      text = "]";
    } else {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      text += `${comma}${JSON.stringify(key)}:${json}`;
    }
    comma = ",";
  }
  pieces.push(`${text}}`);
  return pieces;
}

/**
 * The text of `plan.json`: the whole plan as compact JSON on one line (`jq .` lays it out), put
 * together from the head and each service's {@link servicePlanJson}, so services planned apart
 * give the very text of the plan they make up.
 */
export function planJsonText(head: PlanHead, services: readonly string[]): string {
  const { open, close } = planJsonFrame(head);
  return `${open}${services.join(",")}${close}`;
}

/**
 * What `plan.json` holds before and after its services, which stand between, separated by
 * commas: a writer that streams the services writes `open`, each service, then `close`.
 */
export function planJsonFrame(head: PlanHead): { readonly open: string; readonly close: string } {
  const start = JSON.stringify({ stack: head.stack, environment: head.environment, providers: head.providers });
  const shared = head.shared ? `,"shared":${JSON.stringify(head.shared)}` : "";
  return { open: `${start.slice(0, -1)},"services":[`, close: `]${shared}}\n` };
}

/**
 * Everything `reliability plan` writes: Kubernetes manifests per region and service (and of what the
 * stack shares), AWS resources per service, and the whole plan as JSON.
 */
export function renderPlanFiles(plan: Plan): OutputFile[] {
  const files = plan.services.flatMap((service) => renderServiceFiles(plan.stack, service));
  files.push(...(plan.shared ? sharedFiles(plan.stack, plan.shared) : []));
  files.push({ path: "plan.json", text: planJsonText(plan, plan.services.map(servicePlanJson)) });
  return files;
}
