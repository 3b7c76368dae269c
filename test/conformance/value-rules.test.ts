import { describe, expect, it } from "vitest";
import { STACKS } from "../support/project.js";
import { byCluster, renderedObjects } from "./rendered.js";
import { clusterProblems, OBJECT_RULES, RULE_NAMES, SET_RULES } from "./rules/index.js";

describe.each(STACKS)("objects rendered for the %s stack", (stack) => {
  it("break none of the API server's value rules, nor the references between them, in any cluster", () => {
    const clusters = byCluster(stack);
    expect(clusters.size).toBeGreaterThanOrEqual(1);
    expect(
      [...clusters].flatMap(([region, objects]) => clusterProblems(objects).map((p) => `${region}: ${p}`)),
    ).toEqual([]);
  });

  it("are every object the plan renders (none is left out of the check)", () => {
    const clustered = [...byCluster(stack).values()].reduce((n, objects) => n + objects.length, 0);
    expect(clustered).toBe(renderedObjects(stack).length);
  });
});

describe("the value rules", () => {
  it("have unique kebab-case names", () => {
    expect(RULE_NAMES.every((n) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(n))).toBe(true);
    expect(new Set(RULE_NAMES).size).toBe(RULE_NAMES.length);
  });

  it("each say what they enforce", () => {
    expect([...OBJECT_RULES, ...SET_RULES].filter((r) => r.summary.length < 20).map((r) => r.name)).toEqual([]);
  });
});
