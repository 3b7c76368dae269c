import type { Command } from "commander";
import { callGraphView, graphMermaid, graphText, type FlaggedCall } from "../../components/domains/resilience/graph.js";
import { RESILIENCE_RULES } from "../../components/domains/resilience/rules.js";
import { checkPlan } from "../../policies/run.js";
import { parsePath } from "../../policies/locate.js";
import {
  baseCommand,
  planFromOptions,
  type RunState,
  type StackOptions,
  withFormat,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";

interface GraphOptions extends StackOptions {
  readonly format: "text" | "json" | "mermaid";
}

/** The calls the resilience policies flag in a plan. */
export function flaggedCalls(plan: Parameters<typeof checkPlan>[0]): FlaggedCall[] {
  return checkPlan(plan, { rules: RESILIENCE_RULES }).flatMap((v) => {
    const [spec, list, index] = parsePath(v.path);
    return spec === "spec" && list === "dependencies" && typeof index === "number"
      ? [{ service: v.service, index, policy: v.policy }]
      : [];
  });
}

/**
 * `reliability graph --stack <name> [--format text|json|mermaid]`: the call graph with each call's
 * timeout and tries, and the paths a resilience policy flags. Exit 0 (the drawing is the result;
 * `reliability check` judges).
 */
export function graphCommand(io: Io, state: RunState): Command {
  const command = withFormat(
    withStackOptions(baseCommand("graph", io)),
    ["text", "json", "mermaid"],
    "text",
  ).description(
    "the call graph: timeouts and retries on every call, amplification and worst-case latency of every path, flagged paths marked",
  );
  return command.action((options: GraphOptions) => {
    const { plan } = planFromOptions(io, options);
    const view = callGraphView(plan, flaggedCalls(plan));
    if (options.format === "json") io.out(JSON.stringify(view, null, 2));
    else if (options.format === "mermaid") io.out(graphMermaid(view));
    else io.out(graphText(view));
    state.code = EXIT.ok;
  });
}
