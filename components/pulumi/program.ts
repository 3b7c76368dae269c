import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { DEFAULT_SERVICES_GLOB, planStack } from "../pipeline.js";
import type { Plan } from "../core/plan/types.js";
import { SpecError, type SourcePosition } from "../core/spec/errors.js";
import { parseSource } from "../core/spec/positions.js";
import { CONFIG_NAMESPACE, stackFile } from "../core/stack/config.js";
import { parseStackConfig, stackSchema } from "../spec/stack.js";
import { createProviders } from "./providers.js";
import { ReliableService } from "./reliable-service.js";
import { SharedResources } from "./shared-resources.js";
import { SHARED_RESOURCES_NAME } from "../core/shared-names.js";

/** What the program exports as stack outputs. */
export interface ProgramOutputs {
  /** Per service: namespace, regions, tier and resource count. */
  readonly services: Record<string, { namespace: string; regions: readonly string[]; tier: string; resources: number }>;
}

/** Reads the `reliability:*` config of the running stack (structured values arrive as JSON). */
export function readStackConfigValues(config: pulumi.Config): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(stackSchema.shape)) {
    const raw = config.get(key);
    if (raw === undefined) continue;
    try {
      values[key] = JSON.parse(raw);
    } catch {
      values[key] = raw;
    }
  }
  return values;
}

/**
 * Positions in the stack file, so a bad config value is reported at the line the CLI reports;
 * `undefined` when the file cannot be read (the config then came from elsewhere).
 */
function locatorOf(file: string): ((path: (string | number)[]) => SourcePosition) | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const source = parseSource(file, text);
  return (path) => source.locate(["config", ...path]);
}

/**
 * The Pulumi program: stack config → specs → plan → one `ReliableService` per service, and one
 * `SharedResources` for what the stack shares.
 * Invalid specs fail the update with the same diagnostics the CLI prints, not a stack trace.
 */
export function runProgram(): ProgramOutputs {
  const stack = pulumi.getStack();
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  let plan: Plan;
  try {
    const file = stackFile("stacks", stack);
    const stackConfig = parseStackConfig(stack, readStackConfigValues(config), file, locatorOf(file));
    plan = planStack(stackConfig, stackConfig.services ?? DEFAULT_SERVICES_GLOB).plan;
  } catch (error) {
    if (error instanceof SpecError) throw new pulumi.RunError(error.message);
    throw error;
  }
  const providers = createProviders(plan.providers);
  const services: ProgramOutputs["services"] = {};
  for (const service of plan.services) {
    new ReliableService(service.service, { plan: service, providers });
    services[service.service] = {
      namespace: service.namespace,
      regions: service.regions,
      tier: service.tier,
      resources: service.resources.length,
    };
  }
  if (plan.shared) new SharedResources(SHARED_RESOURCES_NAME, { plan: plan.shared, providers });
  return { services };
}
