/**
 * Chaos Mesh's Workflow admission webhook: a Workflow needs an `entry` naming one of its templates;
 * template names are unique DNS-1123 subdomains; each template type carries only its own parts; a
 * chaos template carries its chaos spec and never that chaos's own `duration` (the template's
 * `deadline` bounds the run). A Schedule of `type: Workflow` passes its Workflow to this webhook
 * every time it fires, so a Schedule the API server accepts can still be refused at each run.
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/api/v1alpha1/workflow_webhook.go
 */

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Workflow template field of each chaos kind → the `templateType` (the Go field name) that reads it. */
export const CHAOS_TEMPLATE_FIELDS: Readonly<Record<string, string>> = {
  awsChaos: "AWSChaos",
  azureChaos: "AzureChaos",
  blockChaos: "BlockChaos",
  dnsChaos: "DNSChaos",
  gcpChaos: "GCPChaos",
  httpChaos: "HTTPChaos",
  ioChaos: "IOChaos",
  jvmChaos: "JVMChaos",
  kernelChaos: "KernelChaos",
  networkChaos: "NetworkChaos",
  physicalmachineChaos: "PhysicalMachineChaos",
  podChaos: "PodChaos",
  stressChaos: "StressChaos",
  timeChaos: "TimeChaos",
};

/** A part a template may carry besides its name, type and deadline. */
type Part = "task" | "children" | "conditionalBranches" | "chaos" | "schedule";

const NOT_TASK: readonly Part[] = ["task", "children", "conditionalBranches", "chaos", "schedule"];

/** The parts each template type must not carry (chaos types: `chaos`). */
const FORBIDDEN: Readonly<Record<string, readonly Part[]>> = {
  Suspend: NOT_TASK,
  Serial: ["task", "conditionalBranches", "chaos", "schedule"],
  Parallel: ["task", "conditionalBranches", "chaos", "schedule"],
  Schedule: ["task", "children", "conditionalBranches", "chaos"],
  Task: ["children", "chaos", "schedule"],
  StatusCheck: NOT_TASK,
  chaos: ["task", "children", "conditionalBranches", "schedule"],
};

type Template = Record<string, unknown>;

/** Every problem the Workflow webhook finds in a Workflow spec (empty when it admits it). */
export function workflowProblems(workflow: unknown): string[] {
  const spec = (workflow ?? {}) as Record<string, unknown>;
  const list = (spec["templates"] as Template[] | undefined) ?? [];
  const names = list.map((t) => String(t["name"] ?? ""));
  const entry = String(spec["entry"] ?? "");
  const problems: string[] = [];
  if (entry === "") problems.push("the entry of workflow is required");
  if (!names.includes(entry)) problems.push(`can not find a template with name ${entry} (entry)`);
  if (list.length === 0) return [...problems, "templates in workflow could not be empty"];
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicated.length > 0) problems.push(`template names could not be duplicated: ${duplicated.join(", ")}`);
  return [...problems, ...list.flatMap((t) => templateProblems(t, names))];
}

function templateProblems(template: Template, names: readonly string[]): string[] {
  const name = String(template["name"] ?? "");
  const type = String(template["templateType"] ?? "");
  const at = `template ${name || "(unnamed)"}`;
  const problems: string[] = [];
  if (name === "") problems.push(`${at}: name of template is required`);
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) problems.push(`${at}: name must be a DNS-1123 subdomain`);
  const isChaos = Object.values(CHAOS_TEMPLATE_FIELDS).includes(type);
  const forbidden = FORBIDDEN[isChaos ? "chaos" : type];
  if (!forbidden) return [...problems, `${at}: unrecognized template type: ${type}`];
  for (const part of forbidden)
    if (carries(template, part)) problems.push(`${at}: a ${type} template should not contain ${part}`);
  if (type === "Suspend" && !template["deadline"]) problems.push(`${at}: deadline in a Suspend template is required`);
  if (type === "Serial" || type === "Parallel")
    for (const child of (template["children"] as string[] | undefined) ?? [])
      if (!names.includes(child)) problems.push(`${at}: can not find a template with name ${child}`);
  if (isChaos) problems.push(...chaosTemplateProblems(template, type, at));
  return problems;
}

function chaosFields(template: Template): string[] {
  return Object.keys(template).filter((k) => k in CHAOS_TEMPLATE_FIELDS && template[k] !== undefined);
}

function carries(template: Template, part: Part): boolean {
  if (part === "chaos") return chaosFields(template).length > 0;
  const value = template[part];
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

function chaosTemplateProblems(template: Template, type: string, at: string): string[] {
  const field = Object.keys(CHAOS_TEMPLATE_FIELDS).find((f) => CHAOS_TEMPLATE_FIELDS[f] === type) ?? "";
  const spec = template[field] as Record<string, unknown> | undefined;
  if (!spec) return [`${at}: the value of chaos ${type} is required (missing chaos spec ${field})`];
  if (spec["duration"] !== undefined)
    return [
      `${at}: should not define duration in chaos when using Workflow, use Template#Deadline instead (duration ${String(spec["duration"])})`,
    ];
  return [];
}
