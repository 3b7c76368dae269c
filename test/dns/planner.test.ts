import { describe, expect, it } from "vitest";
import { type StackConfig } from "../../components/core/stack/config.js";
import { parseStackConfig } from "../../components/spec/stack.js";
import { byKey, multiRegionSpec, ofType, planService } from "../database/fixtures.js";
import { exampleStack } from "../support/project.js";

const DNS = { zone: "acme.example", name: "orders.acme.example", routing: "failover" };

/** The prod stack without load balancers, so records are CNAMEs to the ingress host names. */
function prodWithoutLoadBalancers(): StackConfig {
  const { stack: _name, ...values } = structuredClone(exampleStack("prod"));
  for (const region of Object.values(values.regions))
    delete (region.ingress as { loadBalancer?: unknown }).loadBalancer;
  return parseStackConfig("prod", values as unknown as Record<string, unknown>, "stacks/Pulumi.prod.yaml");
}

describe("the DNS planner", () => {
  it.each([
    {
      routing: "failover",
      policies: [
        { failoverRoutingPolicies: [{ type: "PRIMARY" }] },
        { failoverRoutingPolicies: [{ type: "SECONDARY" }] },
      ],
    },
    {
      routing: "latency",
      policies: [
        { latencyRoutingPolicies: [{ region: "us-east-1" }] },
        { latencyRoutingPolicies: [{ region: "eu-west-1" }] },
      ],
    },
  ])("plans one health-checked $routing record per region, primary first", ({ routing, policies }) => {
    const service = planService(multiRegionSpec({ "spec.dns": { ...DNS, routing } }));
    const records = ofType(service, "aws:route53/record:Record");
    expect(records.map((r) => r.props)).toMatchObject(
      policies.map((p, i) => ({
        ...p,
        zoneId: "Z0PRODACME0EXAMPLE",
        name: "orders.acme.example",
        setIdentifier: `orders-${["us-east-1", "eu-west-1"][i]}`,
        healthCheckId: { ref: `orders/us-east-1/HealthCheck/${["us-east-1", "eu-west-1"][i]}`, attr: "id" },
      })),
    );
    expect(records.every((r) => r.region === "us-east-1")).toBe(true);
  });

  it("aliases each record to its region's load balancer, without a TTL", () => {
    const record = byKey(planService(multiRegionSpec({ "spec.dns": DNS })), "orders/us-east-1/Record/eu-west-1");
    expect(record.props).toMatchObject({
      type: "A",
      aliases: [
        {
          name: "k8s-ingress-prod-euw1-9a8b7c6d5e.elb.eu-west-1.amazonaws.com",
          zoneId: "Z2IFOLAFXWLO4F",
          evaluateTargetHealth: true,
        },
      ],
    });
    expect(record.props).not.toHaveProperty("ttl");
  });

  it("uses a CNAME to the ingress host name with the spec's TTL when the stack gives no load balancer", () => {
    const record = byKey(
      planService(multiRegionSpec({ "spec.dns": { ...DNS, ttl: 20 } }), prodWithoutLoadBalancers()),
      "orders/us-east-1/Record/eu-west-1",
    );
    expect(record.props).toMatchObject({ type: "CNAME", ttl: 20, records: ["ingress.euw1.prod.acme.example"] });
    expect(record.props).not.toHaveProperty("aliases");
  });

  it("checks each region's ingress over HTTPS on the readiness path by default, at the tier's interval", () => {
    const check = byKey(planService(multiRegionSpec({ "spec.dns": DNS })), "orders/us-east-1/HealthCheck/eu-west-1");
    expect(check.props).toMatchObject({
      type: "HTTPS",
      fqdn: "ingress.euw1.prod.acme.example",
      port: 443,
      resourcePath: "/ready",
      enableSni: true,
      requestInterval: 10,
      failureThreshold: 3,
      measureLatency: false,
    });
    expect(check.props).not.toHaveProperty("regions");
  });

  it("passes the declared health-check protocol, port, interval, threshold, checker regions and latency measurement through", () => {
    const healthCheck = {
      protocol: "TCP",
      port: 8443,
      intervalSeconds: 30,
      failureThreshold: 5,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
      measureLatency: true,
    };
    const check = byKey(
      planService(multiRegionSpec({ "spec.dns": { ...DNS, healthCheck } })),
      "orders/us-east-1/HealthCheck/us-east-1",
    );
    expect(check.props).toMatchObject({
      type: "TCP",
      port: 8443,
      requestInterval: 30,
      failureThreshold: 5,
      regions: healthCheck.regions,
      measureLatency: true,
    });
    expect(check.props).not.toHaveProperty("resourcePath");
    expect(check.props).not.toHaveProperty("enableSni");
  });

  it("alarms on each health check's status in us-east-1, where Route 53 publishes it", () => {
    const alarms = ofType(
      planService(multiRegionSpec({ "spec.dns": DNS })),
      "aws:cloudwatch/metricAlarm:MetricAlarm",
    ).filter((a) => a.props["namespace"] === "AWS/Route53");
    expect(alarms).toHaveLength(2);
    expect(alarms[1]?.region).toBe("us-east-1");
    expect(alarms[1]?.props).toMatchObject({
      name: "orders-prod-eu-west-1-HealthCheckFailed",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: { ref: "orders/us-east-1/HealthCheck/eu-west-1", attr: "id" } },
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
    });
  });

  it("makes the database's primary region the PRIMARY record when DNS names none", () => {
    const spec = multiRegionSpec({
      "spec.database.primaryRegion": "eu-west-1",
      "spec.database.secondaryRegions": ["us-east-1"],
      "spec.dns": DNS,
    });
    const service = planService(spec);
    expect(byKey(service, "orders/us-east-1/Record/eu-west-1").props["failoverRoutingPolicies"]).toEqual([
      { type: "PRIMARY" },
    ]);
    expect(service.analysis.dns?.primaryRegion).toBe("eu-west-1");
  });

  it("plans no DNS resources when the spec has no dns section", () => {
    const service = planService(multiRegionSpec());
    expect(service.resources.filter((r) => r.type.startsWith("aws:route53/"))).toEqual([]);
    expect(service.analysis.dns).toBeUndefined();
  });
});
