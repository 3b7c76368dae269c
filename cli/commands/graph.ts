import type { Command } from "commander";
import {
  callGraphView,
  planCallGraph,
  graphMermaid,
  graphText,
  type CallGraphView,
  type FlaggedCall,
} from "../../components/domains/resilience/graph.js";
import { RESILIENCE_RULES } from "../../components/domains/resilience/rules.js";
import type { MeshKind } from "../../components/domains/resilience/schema.js";
import { compare, simulationText } from "../../components/domains/resilience/simulate.js";
import { parseDuration } from "../../components/core/units.js";
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
  readonly fail?: string;
  readonly stall: string;
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
  command
    .option(
      "--fail <node>",
      "simulate one request while this node fails (a service, or a dependency as <caller>/<name>)",
    )
    .option("--stall <duration>", "how long the failing node stalls before answering UNAVAILABLE", "30s");
  return command.action((options: GraphOptions) => {
    const { plan } = planFromOptions(io, options);
    const view = callGraphView(plan, flaggedCalls(plan));
    const stallMs = parseDuration(options.stall);
    if (stallMs === undefined) {
      io.err(`--stall: must be a duration such as 30s or 500ms, got ${JSON.stringify(options.stall)}`);
      state.code = EXIT.invalidInput;
      return;
    }
    const failing = options.fail === undefined ? undefined : nodeId(view, options.fail);
    if (options.fail !== undefined && failing === undefined) {
      io.err(
        `--fail: must name a node of the call graph (${view.nodes.map((n) => shortId(n.id)).join(", ")}), got ${JSON.stringify(options.fail)}`,
      );
      state.code = EXIT.invalidInput;
      return;
    }
    const simulation =
      failing === undefined ? undefined : compare(planCallGraph(plan), failing, baseline(view.mesh), stallMs);
    if (options.format === "json") io.out(JSON.stringify({ ...view, ...(simulation ? { simulation } : {}) }, null, 2));
    else if (options.format === "mermaid") io.out(graphMermaid(view));
    else io.out([graphText(view), ...(simulation ? ["", simulationText(simulation)] : [])].join("\n"));
    state.code = EXIT.ok;
  });
}

/** A node id given on the command line: the id itself, or `<caller>/<dependency>` for a database or external endpoint. */
function nodeId(view: CallGraphView, given: string): string | undefined {
  return view.nodes.find((n) => n.id === given || shortId(n.id) === given)?.id;
}

function shortId(id: string): string {
  return id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
}

/** The mesh whose defaults a simulation compares against: the stack's, or Istio's when the stack has none. */
function baseline(mesh: string): MeshKind {
  return mesh === "linkerd" || mesh === "gateway-api" || mesh === "istio" ? mesh : "istio";
}
