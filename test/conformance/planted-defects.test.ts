import { describe, expect, it } from "vitest";
import { amtoolCheckConfig, operatorConfig, type AlertmanagerConfigObject } from "../support/alertmanager.js";
import { crdErrors } from "./crds.js";
import { openApiErrors } from "./openapi.js";
import { CONTAINER_DEFECTS } from "./planted/containers.js";
import { REFERENCE_DEFECTS } from "./planted/references.js";
import { SCHEMA_CHECKS, SCHEMA_DEFECTS } from "./planted/schema.js";
import { baselineCluster, baselineOf, broken, type Planted } from "./planted/types.js";
import { WORKLOAD_DEFECTS } from "./planted/workloads.js";
import { clusterProblems, objectProblems, RULE_NAMES } from "./rules/index.js";

const VALUE_DEFECTS = [...CONTAINER_DEFECTS, ...WORKLOAD_DEFECTS];

/** Everything the strict suite reports for one object. */
function reported(check: string, object: ReturnType<typeof broken>): string[] {
  if (check === "openapi") return openApiErrors(object);
  if (check === "crd") return crdErrors(object);
  if (check === "amtool") {
    const result = amtoolCheckConfig(operatorConfig([object as unknown as AlertmanagerConfigObject]));
    return result.status === 0 ? [] : [result.output];
  }
  return objectProblems(object);
}

describe("a planted defect in a valid rendered object", () => {
  const baselines = [
    ...new Map([...VALUE_DEFECTS, ...SCHEMA_DEFECTS].map((p) => [`${p.kind}/${p.name ?? ""}`, p])).values(),
  ];

  it.each(baselines.map((p) => [`${p.kind}/${p.name ?? "first"}`, p] as const))(
    "starts from a baseline %s that every check accepts",
    (_name, planted) => {
      const object = baselineOf(planted);
      expect(objectProblems(object)).toEqual([]);
      for (const check of SCHEMA_CHECKS)
        if (SCHEMA_DEFECTS.some((p) => p.rule === check && p.kind === planted.kind))
          expect(reported(check, object), check).toEqual([]);
    },
    60_000,
  );

  it.each(VALUE_DEFECTS.map((p) => [p.rule, p.defect, p] as const))(
    "%s catches %s",
    (rule, _defect, planted: Planted) => {
      const problems = reported(rule, broken(planted));
      expect(
        problems.filter((p) => p.startsWith(`${rule}: `) && p.includes(planted.expect)),
        problems.join("\n"),
      ).not.toEqual([]);
    },
  );

  it.each(SCHEMA_DEFECTS.map((p) => [p.rule, p.defect, p] as const))(
    "the %s check catches %s",
    (check, _defect, planted: Planted) => {
      const problems = reported(check, broken(planted));
      expect(
        problems.some((p) => p.includes(planted.expect)),
        problems.join("\n"),
      ).toBe(true);
    },
  );
});

describe("a planted defect between the objects of a cluster", () => {
  it("starts from a baseline cluster without problems", () => {
    expect(clusterProblems(baselineCluster())).toEqual([]);
  });

  it.each(REFERENCE_DEFECTS.map((p) => [p.rule, p.defect, p] as const))("%s catches %s", (rule, _defect, planted) => {
    const problems = clusterProblems(planted.mutate(baselineCluster()));
    expect(
      problems.filter((p) => p.startsWith(`${rule}: `) && p.includes(planted.expect)),
      problems.join("\n"),
    ).not.toEqual([]);
  });
});

describe("the planted-defect tables", () => {
  it("prove every value rule with at least one planted defect", () => {
    const proven = new Set([...VALUE_DEFECTS, ...REFERENCE_DEFECTS].map((p) => p.rule));
    expect(RULE_NAMES.filter((r) => !proven.has(r))).toEqual([]);
  });

  it("prove every schema check with at least one planted defect", () => {
    expect(SCHEMA_CHECKS.filter((c) => !SCHEMA_DEFECTS.some((p) => p.rule === c))).toEqual([]);
  });

  it("name only rules and checks that exist", () => {
    const known = new Set<string>([...RULE_NAMES, ...SCHEMA_CHECKS]);
    expect(
      [...VALUE_DEFECTS, ...REFERENCE_DEFECTS, ...SCHEMA_DEFECTS].map((p) => p.rule).filter((r) => !known.has(r)),
    ).toEqual([]);
  });
});
