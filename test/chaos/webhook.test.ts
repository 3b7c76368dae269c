import { describe, expect, it } from "vitest";
import { planExamples, STACKS } from "../support/project.js";
import { embeddedChaos, schedules, templates, type KubeObject } from "./support.js";
import { webhookProblems } from "./webhook.js";

/** A timed example Schedule (checkout's network delay in prod), copied so a case can break it. */
function timedSchedule(): KubeObject {
  const found = schedules(planExamples("prod").plan).find((s) => s.metadata["name"] === "checkout-slow-database");
  if (!found) throw new Error("checkout-slow-database is not planned in prod");
  return structuredClone(found);
}

function template(schedule: KubeObject, name: string): Record<string, unknown> {
  const found = templates(schedule).find((t) => t["name"] === name);
  if (!found) throw new Error(`no template ${name}`);
  return found;
}

function workflow(schedule: KubeObject): Record<string, unknown> {
  return schedule.spec["workflow"] as Record<string, unknown>;
}

const DEFECTS: readonly (readonly [string, (s: KubeObject) => void, string])[] = [
  [
    "an embedded chaos that sets its own duration",
    (s) => Object.assign(template(s, "inject")["networkChaos"] as object, { duration: "5m" }),
    "should not define duration in chaos when using Workflow",
  ],
  ["a Workflow without an entry", (s) => void delete workflow(s)["entry"], "the entry of workflow is required"],
  [
    "an entry naming no template",
    (s) => void (workflow(s)["entry"] = "start"),
    "can not find a template with name start",
  ],
  ["a Workflow without templates", (s) => void (workflow(s)["templates"] = []), "could not be empty"],
  ["two templates of one name", (s) => void (template(s, "guard")["name"] = "inject"), "could not be duplicated"],
  ["a template name that is not DNS-1123", (s) => void (template(s, "guard")["name"] = "Guard_1"), "DNS-1123"],
  ["a template without a name", (s) => void delete template(s, "guard")["name"], "name of template is required"],
  ["a child naming no template", (s) => void (template(s, "run")["children"] = ["inject", "gone"]), "name gone"],
  ["an unknown template type", (s) => void (template(s, "guard")["templateType"] = "Wait"), "unrecognized template"],
  [
    "a Suspend template without a deadline",
    (s) => suspend(s, { deadline: undefined }),
    "deadline in a Suspend template",
  ],
  ["a Suspend template with children", (s) => suspend(s, { deadline: "1m", children: ["run"] }), "contain children"],
  [
    "a Serial template with a chaos",
    (s) => {
      template(s, "run")["templateType"] = "Serial";
      chaosOn(s, "run");
    },
    "a Serial template should not contain chaos",
  ],
  ["a Task template with children", (s) => void (template(s, "gate")["children"] = ["run"]), "contain children"],
  ["a Task template with a chaos", (s) => chaosOn(s, "gate"), "a Task template should not contain chaos"],
  ["a Task template with a schedule", (s) => void (template(s, "gate")["schedule"] = {}), "contain schedule"],
  ["a Parallel template with a task", (s) => void (template(s, "run")["task"] = {}), "should not contain task"],
  [
    "a StatusCheck template with a chaos",
    (s) => chaosOn(s, "guard"),
    "a StatusCheck template should not contain chaos",
  ],
  ["a chaos template with children", (s) => void (template(s, "inject")["children"] = ["guard"]), "contain children"],
  ["a chaos template with a schedule", (s) => void (template(s, "inject")["schedule"] = {}), "contain schedule"],
  [
    "a chaos template whose spec is in another kind's field",
    (s) => void (template(s, "inject")["templateType"] = "PodChaos"),
    "the value of chaos PodChaos is required",
  ],
];

function suspend(schedule: KubeObject, fields: Record<string, unknown>): void {
  Object.assign(template(schedule, "guard"), { templateType: "Suspend", statusCheck: undefined, ...fields });
}

function chaosOn(schedule: KubeObject, name: string): void {
  template(schedule, name)["podChaos"] = { action: "pod-kill", mode: "one", selector: {} };
}

describe("the Workflow webhook rules of the conformance suite", () => {
  it("admit the example Schedule every planted defect starts from", () => {
    expect(webhookProblems(timedSchedule())).toEqual([]);
  });

  it.each(DEFECTS)("refuse %s", (_, plant, message) => {
    const schedule = timedSchedule();
    plant(schedule);
    expect(webhookProblems(schedule).join("\n")).toContain(message);
  });
});

describe("every example Schedule's Workflow", () => {
  const all = STACKS.flatMap((stack) => schedules(planExamples(stack).plan).map((s) => [stack, s] as const));

  it.each(all.map(([stack, s]) => [stack, String(s.metadata["name"]), s] as const))(
    "in %s, %s embeds no chaos with its own duration and bounds the injection by the template's deadline",
    (_, __, schedule) => {
      for (const chaos of embeddedChaos(schedule)) expect(chaos.spec).not.toHaveProperty("duration");
      const guard = template(schedule, "guard");
      expect(template(schedule, "inject")["deadline"]).toBe(guard["deadline"]);
      expect(webhookProblems(schedule)).toEqual([]);
    },
  );
});
