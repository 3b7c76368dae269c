import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/spec/stack.js";
import { multiRegionSpec, specProblems } from "../database/fixtures.js";
import { exampleStack } from "../support/project.js";

const DNS = { zone: "acme.example", name: "orders.acme.example", routing: "failover" };

describe("DNS spec checks", () => {
  it("accept the failover baseline", () => {
    expect(specProblems(multiRegionSpec({ "spec.dns": DNS }))).toEqual([]);
  });

  it.each([
    {
      why: "a TTL of 300 on health-checked records",
      dns: { ...DNS, ttl: 300 },
      problem:
        "spec.dns.ttl: must be at most 60 seconds because every record is health-checked and clients must follow a failover quickly, got 300",
    },
    {
      why: "a 15 s health-check interval",
      dns: { ...DNS, healthCheck: { intervalSeconds: 15 } },
      problem: "spec.dns.healthCheck.intervalSeconds: must be 10 or 30 (the intervals Route 53 supports), got 15",
    },
    {
      why: "a failure threshold of 11",
      dns: { ...DNS, healthCheck: { failureThreshold: 11 } },
      problem: "spec.dns.healthCheck.failureThreshold: must be an integer between 1 and 10, got 11",
    },
    {
      why: "a DNS primary that is not the database primary",
      dns: { ...DNS, primaryRegion: "eu-west-1" },
      problem:
        'spec.dns.primaryRegion: must equal spec.database.primaryRegion ("us-east-1") so traffic goes where writes are accepted, got "eu-west-1"',
    },
    {
      why: "a name outside the zone",
      dns: { ...DNS, name: "orders.other.example" },
      problem: 'spec.dns.name: must be "acme.example" or a name under it, got "orders.other.example"',
    },
    {
      why: "a path on a TCP check",
      dns: { ...DNS, healthCheck: { protocol: "TCP", path: "/ready" } },
      problem:
        'spec.dns.healthCheck.path: must not be set with protocol TCP (a TCP check requests no path), got "/ready"',
    },
  ])("reject $why at the field", ({ dns, problem }) => {
    expect(specProblems(multiRegionSpec({ "spec.dns": dns }))).toContain(problem);
  });

  it("rejects failover routing for a single-region service", () => {
    const spec = multiRegionSpec(
      { "spec.regions": ["us-east-1"], "spec.database.secondaryRegions": [], "spec.dns": DNS },
      "standard",
    );
    expect(specProblems(spec)).toContain(
      "spec.dns.routing: must be latency unless the service runs in exactly 2 regions (failover has one PRIMARY and one SECONDARY record), got failover with 1 region(s)",
    );
  });

  it("rejects DNS on a stack without a hosted zone", () => {
    const { stack: _name, route53: _zone, ...values } = structuredClone(exampleStack("prod"));
    const stack = parseStackConfig("prod", values as unknown as Record<string, unknown>, "stacks/Pulumi.prod.yaml");
    expect(specProblems(multiRegionSpec({ "spec.dns": DNS }), stack)).toContain(
      'spec.dns: must not be set while stack prod has no reliability:route53.hostedZoneId (the zone the records go in); set it or use dns: null for prod; got dns for "orders.acme.example"',
    );
  });

  it("rejects a service region the stack does not define", () => {
    const spec = multiRegionSpec(
      {
        "spec.regions": ["us-east-1", "ap-south-1"],
        "spec.database.secondaryRegions": [],
        "spec.dns": { ...DNS, routing: "latency" },
      },
      "standard",
    );
    expect(specProblems(spec).join("\n")).toMatch(
      /spec\.regions\[1\]: must be a region the stack prod defines \(us-east-1, eu-west-1\), got "ap-south-1"/,
    );
  });
});
