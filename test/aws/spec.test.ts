import { describe, expect, it } from "vitest";
import { multiRegionSpec, specProblems } from "../database/fixtures.js";
import { exampleStack } from "../support/project.js";
import { stackWith } from "./support.js";

const DNS = { zone: "acme.example", name: "orders.acme.example", routing: "failover" };
const LONG_NAME = "o".repeat(30);

describe("AWS limits on what a spec plans, reported at the spec field", () => {
  it("accepts the two-region baseline with DNS", () => {
    expect(specProblems(multiRegionSpec({ "spec.dns": DNS }))).toEqual([]);
  });

  it.each([
    {
      why: "a burstable class for an Aurora global database",
      changes: { "spec.database.instanceClass": "db.t4g.medium" },
      problem:
        'spec.database.instanceClass: must be a memory-optimized instance class (db.r* or db.x2g) for an Aurora global database because an Aurora global database requires memory-optimized classes, got "db.t4g.medium"',
    },
    {
      why: "an instance class Aurora does not run on",
      changes: { "spec.database.instanceClass": "db.m6g.large", "spec.database.secondaryRegions": [] },
      problem:
        'spec.database.instanceClass: must be an instance class Aurora supports: db.r* or db.x2g (memory-optimized), or db.t3/db.t4g medium or large because Aurora runs on no other class, got "db.m6g.large"',
      tier: "best-effort",
    },
    {
      why: "a service name with two consecutive hyphens",
      changes: { "metadata.name": "ord--ers" },
      problem:
        'metadata.name: must give RDS identifiers AWS accepts with environment "prod": "ord--ers-prod" must be 1 to 63 letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen (13 characters) because RDS rejects any other identifier, got "ord--ers"',
    },
    {
      why: "a declared health-check path longer than Route 53 takes",
      changes: { "spec.dns": { ...DNS, healthCheck: { path: `/${"a".repeat(255)}` } } },
      problem:
        "spec.dns.healthCheck.path: must be a health-check path of at most 255 characters because Route 53 rejects a longer resource path, got 256 characters",
    },
    {
      why: "a readiness path longer than Route 53 takes, checked by default",
      changes: { "spec.dns": DNS, "spec.workload.probes.readiness": { http: { path: `/${"r".repeat(260)}` } } },
      problem:
        "spec.workload.probes.readiness: must be a health-check path of at most 255 characters (the DNS health check requests the readiness path; set spec.dns.healthCheck.path to a shorter one) because Route 53 rejects a longer resource path, got 261 characters",
    },
    {
      why: "more labels than a Route 53 health check has tags left for",
      changes: { "spec.dns": DNS, "metadata.labels": { a: "1", b: "2", c: "3" } },
      problem:
        "metadata.labels: must have at most 2 labels when spec.dns is set (each Route 53 health check carries them as tags next to the 8 tags every resource gets) because Route 53 accepts at most 10 tags on a health check, got 3 labels",
    },
    {
      why: "a label key longer than an AWS tag key",
      changes: { "metadata.labels": { [`${"a".repeat(60)}.${"b".repeat(60)}.example.com/team`]: "x" } },
      problem: `metadata.labels.${"a".repeat(60)}.${"b".repeat(60)}.example.com/team: must have keys of at most 128 characters because every label becomes a tag of the service's AWS resources and AWS rejects longer tag keys, got 138 characters`,
    },
  ])("rejects $why", ({ changes, problem, tier }) => {
    expect(specProblems(multiRegionSpec(changes, tier))).toContain(problem);
  });

  it("rejects a service name whose RDS instance identifiers outgrow 63 characters in a long environment", () => {
    const stack = stackWith(exampleStack("prod"), (c) => Object.assign(c, { environment: "production-blue-east" }));
    const problems = specProblems(
      multiRegionSpec({ "metadata.name": LONG_NAME, "spec.database.instances": 10 }),
      stack,
    );
    expect(problems).toContain(
      `metadata.name: must give RDS identifiers AWS accepts with environment "production-blue-east": "${LONG_NAME}-production-blue-east-us-east-1-10" must be 1 to 63 letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen (64 characters) because RDS rejects any other identifier, got "${LONG_NAME}"`,
    );
  });
});
