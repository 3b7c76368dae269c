/**
 * The shape of a chaos action: one record per action (its Chaos Mesh kind, its own spec fields with
 * their defaults, and how it renders), so adding an action is adding one file under `actions/` and
 * one line to the registry. The schema, resolution, checks, planner and rules read only records.
 * @see https://chaos-mesh.org/docs/
 */

import type { z } from "zod";
import type { ResolvedService } from "../../../core/spec/service.js";
import type { DependencyInput } from "../../workload/schema.js";

/** Whether an experiment of an action may, must or must not name a dependency in `target`. */
export type TargetUse = "never" | "optional" | "required";

/** What an action's `render` knows besides its own fields. */
export interface RenderContext {
  /** The service the experiment runs against. */
  readonly service: ResolvedService;
  /** The dependency the experiment names in `target`, when it names one. */
  readonly target: DependencyInput | undefined;
  /** Prefix of every service's namespace in the stack (to reach a service dependency's pods). */
  readonly namespacePrefix: string;
}

/** The action's own fields as written: every field optional. */
type Written<S extends z.core.$ZodLooseShape> = z.output<z.ZodObject<S, z.core.$strict>>;

/** The action's own fields with its defaults applied. */
export type ParamsOf<S extends z.core.$ZodLooseShape, D> = Omit<Written<S>, keyof D> & Readonly<D>;

/**
 * One chaos action of the catalogue. Every property is required, so the compiler names whatever a
 * new action leaves out.
 */
export interface ChaosActionRecord<
  A extends string = string,
  S extends z.core.$ZodLooseShape = z.core.$ZodLooseShape,
  D extends object = object,
> {
  /** The action's name in `spec.chaos.experiments[].action`, e.g. `network-delay`. */
  readonly action: A;
  /** Chaos Mesh kind the action creates, e.g. `NetworkChaos`. */
  readonly kind: string;
  /** Field of a Workflow template that embeds the kind's spec, e.g. `networkChaos`. */
  readonly field: string;
  /**
   * Whether the action is instantaneous (a kill): its `duration` is only how long the effect is
   * watched. Otherwise the fault lasts `duration`. Either way the Workflow template's `deadline` is
   * the `duration` and the embedded spec has none.
   */
  readonly instant: boolean;
  /** Whether the injection makes pods unavailable (counted against the PodDisruptionBudget by the policy rules). */
  readonly disruptive: boolean;
  /** Whether an experiment names a dependency in `target`. */
  readonly targeted: TargetUse;
  /** The action's own fields (not the ones every experiment has), each optional, as a strict object. */
  readonly params: z.ZodObject<S, z.core.$strict>;
  /** Values of the action's own fields when the spec leaves them out. */
  readonly defaults: D;
  /**
   * The action's fields of the embedded chaos spec; the catalogue adds the pods it hits (`mode`,
   * `selector`) before them. A `duration` here would make Chaos Mesh refuse the Workflow.
   */
  render(params: ParamsOf<S, D>, context: RenderContext): Record<string, unknown>;
}

/** The actions a chaos domain knows, in catalogue order (the order messages and docs list them). */
export type ActionRegistry = readonly ChaosActionRecord[];

/** Checks an action record against its own fields and defaults, and types `render`'s parameters. */
export function defineAction<const A extends string, S extends z.core.$ZodLooseShape, D extends Partial<Written<S>>>(
  record: ChaosActionRecord<A, S, D>,
): ChaosActionRecord<A, S, D> {
  return record;
}

/**
 * The record of the action named `name`.
 * @throws Error for a name the schema refuses (planners only see validated specs).
 */
export function actionNamed(actions: ActionRegistry, name: string): ChaosActionRecord {
  const found = actions.find((a) => a.action === name);
  if (!found)
    throw new Error(`unknown chaos action ${JSON.stringify(name)} (known: ${actions.map((a) => a.action).join(", ")})`);
  return found;
}
