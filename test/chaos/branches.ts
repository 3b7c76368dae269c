/**
 * How Chaos Mesh picks the branches of a Task template, read from its source (task_reconciler.go,
 * task/evaluator.go, task/collector/): the branches are evaluated only once the Task's pod has
 * finished (phase Succeeded or Failed), with `exitCode` (the container's exit code) and `stdout` as
 * the expression's variables; a branch whose expression is true is spawned, one that is false or
 * fails to evaluate is not. While the pod has not finished every branch stays Unknown, so a pod
 * that never starts (its ConfigMap missing) spawns nothing. An empty expression is always true.
 * @see https://github.com/chaos-mesh/chaos-mesh/blob/master/pkg/workflow/controllers/task_reconciler.go
 */

/** A branch as the Workflow template declares it. */
export interface Branch {
  readonly target: string;
  readonly expression?: string;
}

/** The Task's pod as the controller sees it. */
export interface TaskPod {
  readonly phase: "Pending" | "Running" | "Succeeded" | "Failed";
  readonly exitCode?: number;
  readonly stdout?: string;
}

/**
 * The subset of the expression language the plans use: comparisons of `exitCode` with an integer,
 * joined by `&&`. Anything else is an evaluation error (the branch is Unknown and not spawned), as
 * a missing variable is in Chaos Mesh.
 */
function evaluate(expression: string, env: { readonly exitCode: number }): boolean | undefined {
  const terms = expression.split("&&").map((t) => /^\s*exitCode\s*(==|!=)\s*(-?\d+)\s*$/.exec(t));
  if (terms.some((t) => t === null)) return undefined;
  return terms.every((t) => (t?.[1] === "==") === (env.exitCode === Number(t?.[2])));
}

/** The targets Chaos Mesh spawns after a Task with these branches ran in this pod. */
export function spawnedBranches(branches: readonly Branch[], pod: TaskPod): string[] {
  if (pod.phase !== "Succeeded" && pod.phase !== "Failed") return [];
  if (pod.exitCode === undefined) return [];
  const env = { exitCode: pod.exitCode };
  return branches.filter((b) => !b.expression || evaluate(b.expression, env) === true).map((b) => b.target);
}
