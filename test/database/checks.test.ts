import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/spec/stack.js";
import { exampleStack } from "../support/project.js";
import { multiRegionSpec, specProblems } from "./fixtures.js";

describe("database spec checks", () => {
  it("accept the two-region baseline", () => {
    expect(specProblems(multiRegionSpec())).toEqual([]);
  });

  it.each([
    {
      why: "a secondary region equal to the primary",
      changes: { "spec.database.secondaryRegions": ["us-east-1"] },
      problem:
        'spec.database.secondaryRegions[0]: must differ from primaryRegion (a secondary holds a copy in another region), got "us-east-1"',
    },
    {
      why: "a secondary region listed twice",
      changes: { "spec.database.secondaryRegions": ["eu-west-1", "eu-west-1"] },
      problem: 'spec.database.secondaryRegions[1]: must not list a region twice, got "eu-west-1"',
    },
    {
      why: "a secondary region the stack does not define",
      changes: { "spec.database.secondaryRegions": ["ap-south-1"] },
      problem:
        'spec.database.secondaryRegions[0]: must be a region the stack prod defines (us-east-1, eu-west-1), got "ap-south-1"',
    },
    {
      why: "a primary region the service does not run in",
      changes: {
        "spec.regions": ["eu-west-1"],
        "spec.database.primaryRegion": "us-east-1",
        "spec.database.secondaryRegions": ["eu-west-1"],
      },
      problem: 'spec.database.primaryRegion: must be one of the service\'s regions (["eu-west-1"]), got "us-east-1"',
    },
    {
      why: "a critical service in prod without a secondary",
      changes: { "spec.database.secondaryRegions": [] },
      problem:
        "spec.database.secondaryRegions: must list at least one secondary region for a critical service in prod, so a regional outage loses neither the data nor the writer; got []",
    },
    {
      why: "write forwarding on plain PostgreSQL",
      changes: { "spec.database.engine": "postgres", "spec.database.writeForwarding": true },
      problem:
        "spec.database.writeForwarding: must be false for postgres (write forwarding is an Aurora global database feature), got true",
    },
    {
      why: "write forwarding on a version without it",
      changes: { "spec.database.version": "15.3", "spec.database.writeForwarding": true },
      problem:
        "spec.database.writeForwarding: must be false for aurora-postgresql 15.3: global write forwarding needs aurora-postgresql 14.9+, 15.4+ or 16+, or aurora-mysql 2.08.1+ or 3.04+ (e.g. 8.0.mysql_aurora.3.05.2); got true",
    },
    {
      why: "an instance count for a non-Aurora engine",
      changes: { "spec.database.engine": "mysql", "spec.database.version": "8.0.36", "spec.database.instances": 3 },
      problem: "spec.database.instances: must not be set for mysql (one Multi-AZ instance per region), got 3",
    },
    {
      why: "allocated storage for Aurora",
      changes: { "spec.database.allocatedStorageGb": 100 },
      problem:
        "spec.database.allocatedStorageGb: must not be set for aurora-postgresql (Aurora storage grows by itself), got 100",
    },
  ])("reject $why at the field", ({ changes, problem }) => {
    expect(specProblems(multiRegionSpec(changes))).toContain(problem);
  });

  it("lets a best-effort service in prod run without a secondary", () => {
    expect(specProblems(multiRegionSpec({ "spec.database.secondaryRegions": [] }, "best-effort"))).toEqual([]);
  });

  it("rejects a database region whose stack config has no database networking", () => {
    const prod = exampleStack("prod");
    const { stack: _name, ...values } = prod;
    const withoutNetwork = structuredClone(values) as Record<string, unknown> & {
      regions: Record<string, Record<string, unknown>>;
    };
    delete withoutNetwork.regions["eu-west-1"]?.["database"];
    const stack = parseStackConfig("prod", withoutNetwork, "stacks/Pulumi.prod.yaml");
    expect(specProblems(multiRegionSpec(), stack)).toContain(
      'spec.database.secondaryRegions[0]: must be a region with database networking in stack prod (reliability:regions.<region>.database), got "eu-west-1"',
    );
  });
});
