import type { Plan } from "../core/plan/types.js";
import type { OutputFile } from "./files.js";
import { renderKubernetes } from "./kubernetes.js";

/**
 * Everything `reliability plan` writes: Kubernetes manifests per region and service,
 * AWS resources per service, and the whole plan as JSON.
 */
export function renderPlanFiles(plan: Plan): OutputFile[] {
  const files: OutputFile[] = renderKubernetes(plan).map((f) => ({ path: f.path, text: f.text }));
  for (const service of plan.services) {
    const aws = service.resources.filter((r) => r.provider === "aws");
    if (aws.length === 0) continue;
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
      text: `${JSON.stringify({ service: service.service, stack: plan.stack, resources }, null, 2)}\n`,
    });
  }
  files.push({ path: "plan.json", text: `${JSON.stringify(plan, null, 2)}\n` });
  return files;
}
