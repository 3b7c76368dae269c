import { describe, expect, it } from "vitest";
import { ELB_HOSTED_ZONES, parseLoadBalancerName } from "../../components/core/aws/elb.js";
import { exampleStack, STACKS } from "../support/project.js";
import { stackDiagnostics } from "./support.js";

/** `file:line:col` of the first occurrence of `value` in the edited text (where the loader points). */
function at(stack: string, text: string, value: string): string {
  const index = text.indexOf(value);
  const before = text.slice(0, index).split("\n");
  return `stacks/Pulumi.${stack}.yaml:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** Applies an edit and returns [the expected location of `value`, the diagnostics]. */
function load(stack: string, edit: (yaml: string) => string, value: string): [string, string[]] {
  let edited = "";
  const diagnostics = stackDiagnostics(stack, (yaml) => (edited = edit(yaml)));
  return [at(stack, edited, value), diagnostics];
}

const USE1_NLB = "k8s-ingress-prod-use1-0f1e2d3c4b.elb.us-east-1.amazonaws.com";

describe("load balancer alias targets in the stack config", () => {
  it.each(STACKS.map((s) => [s]))("the %s stack's load balancers are aliases Route 53 accepts", (stack) => {
    expect(() => exampleStack(stack)).not.toThrow();
  });

  it("reads the type and region from each DNS name shape", () => {
    expect(parseLoadBalancerName(USE1_NLB)).toEqual({ family: "network", region: "us-east-1" });
    expect(parseLoadBalancerName("k8s-web-1234567890.eu-west-1.elb.amazonaws.com")).toEqual({
      family: "application",
      region: "eu-west-1",
    });
    expect(parseLoadBalancerName("dualstack.internal-web-1234567890.ap-southeast-2.elb.amazonaws.com.")).toEqual({
      family: "application",
      region: "ap-southeast-2",
    });
    expect(parseLoadBalancerName("d111111abcdef8.cloudfront.net")).toBeUndefined();
  });

  it("knows distinct ALB/CLB and NLB hosted zones for every commercial region", () => {
    const regions = Object.keys(ELB_HOSTED_ZONES);
    expect(regions).toHaveLength(34);
    expect(regions.every((r) => /^[a-z]{2}-[a-z]+-\d$/.test(r))).toBe(true);
    const ids = Object.values(ELB_HOSTED_ZONES).flatMap((z) => [z.application, z.network]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ELB_HOSTED_ZONES["us-east-1"]).toEqual({ application: "Z35SXDOTRQ7X7K", network: "Z26RNL4JYFTOTI" });
    expect(ELB_HOSTED_ZONES["eu-west-1"]).toEqual({ application: "Z32O12XQLNTSW2", network: "Z2IFOLAFXWLO4F" });
  });

  it.each([
    {
      why: "an NLB name with the ALB/CLB hosted zone",
      edit: (y: string) => y.replace("hostedZoneId: Z26RNL4JYFTOTI", "hostedZoneId: Z35SXDOTRQ7X7K"),
      value: "Z35SXDOTRQ7X7K",
      problem:
        'regions.us-east-1.ingress.loadBalancer.hostedZoneId: must be Z26RNL4JYFTOTI, the hosted zone of Network Load Balancers in us-east-1 that dnsName names (Z35SXDOTRQ7X7K is the zone of Application and Classic Load Balancers in us-east-1) because Route 53 refuses an alias whose target is not in the given hosted zone, got "Z35SXDOTRQ7X7K"',
    },
    {
      why: "an ALB name with the NLB hosted zone",
      edit: (y: string) => y.replace(USE1_NLB, "dualstack.k8s-ingress-1234567890.us-east-1.elb.amazonaws.com"),
      value: "Z26RNL4JYFTOTI",
      problem:
        'regions.us-east-1.ingress.loadBalancer.hostedZoneId: must be Z35SXDOTRQ7X7K, the hosted zone of Application and Classic Load Balancers in us-east-1 that dnsName names (Z26RNL4JYFTOTI is the zone of Network Load Balancers in us-east-1) because Route 53 refuses an alias whose target is not in the given hosted zone, got "Z26RNL4JYFTOTI"',
    },
    {
      why: "a hosted zone that belongs to no load balancer",
      edit: (y: string) => y.replace("hostedZoneId: Z26RNL4JYFTOTI", "hostedZoneId: Z0PRODACME0EXAMPLE"),
      value: "Z0PRODACME0EXAMPLE",
      problem:
        'regions.us-east-1.ingress.loadBalancer.hostedZoneId: must be Z26RNL4JYFTOTI, the hosted zone of Network Load Balancers in us-east-1 that dnsName names because Route 53 refuses an alias whose target is not in the given hosted zone, got "Z0PRODACME0EXAMPLE"',
    },
    {
      why: "a load balancer of another region",
      edit: (y: string) => y.replace(USE1_NLB, "k8s-ingress-prod-use1-0f1e2d3c4b.elb.us-west-2.amazonaws.com"),
      value: "k8s-ingress-prod-use1-0f1e2d3c4b.elb.us-west-2",
      problem:
        "regions.us-east-1.ingress.loadBalancer.dnsName: must name a load balancer in us-east-1, the region it is configured under, not one in us-west-2 because each region's record must send its traffic to that region's ingress, got \"k8s-ingress-prod-use1-0f1e2d3c4b.elb.us-west-2.amazonaws.com\"",
    },
    {
      why: "a CloudFront distribution",
      edit: (y: string) => y.replace(USE1_NLB, "d111111abcdef8.cloudfront.net"),
      value: "d111111abcdef8.cloudfront.net",
      problem:
        'regions.us-east-1.ingress.loadBalancer.dnsName: must be a load balancer DNS name: <name>-<id>.<region>.elb.amazonaws.com (Application or Classic Load Balancer, optionally with a dualstack. prefix) or <name>-<id>.elb.<region>.amazonaws.com (Network Load Balancer); for a CloudFront distribution, remove loadBalancer and set ingress.hostname to its DNS name, so the records are CNAMEs to it because the records alias the region\'s load balancer in its canonical hosted zone, got "d111111abcdef8.cloudfront.net"',
    },
    {
      why: "a DNS name of no known shape",
      edit: (y: string) => y.replace(USE1_NLB, "ingress.use1.prod.acme.example"),
      value: "ingress.use1.prod.acme.example\n          hostedZoneId",
      problem:
        '; to route to any other endpoint, remove loadBalancer so the records are CNAMEs to ingress.hostname because the records alias the region\'s load balancer in its canonical hosted zone, got "ingress.use1.prod.acme.example"',
    },
  ])("rejects $why at its line with the allowed and the bad value", ({ edit, value, problem }) => {
    const [where, diagnostics] = load("prod", edit, value);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.startsWith(`${where} `)).toBe(true);
    expect(diagnostics[0]).toContain(problem);
  });

  it("accepts a dualstack ALB name with the ALB/CLB hosted zone", () => {
    const edit = (y: string): string =>
      y
        .replace(USE1_NLB, "dualstack.k8s-ingress-1234567890.us-east-1.elb.amazonaws.com")
        .replace("hostedZoneId: Z26RNL4JYFTOTI", "hostedZoneId: Z35SXDOTRQ7X7K");
    expect(stackDiagnostics("prod", edit)).toEqual([]);
  });
});

describe("alarm notification settings in the stack config", () => {
  it.each([
    {
      why: "a topic of another region",
      stack: "prod",
      edit: (y: string) => y.replace("us-east-1: [arn:aws:sns:us-east-1:", "us-east-1: [arn:aws:sns:us-west-2:"),
      value: "arn:aws:sns:us-west-2:",
      problem:
        'alarms.topics.us-east-1[0]: must be a topic in us-east-1, the region it is configured under because CloudWatch rejects alarm actions in another region, got "arn:aws:sns:us-west-2:111122223333:oncall-pagerduty"',
    },
    {
      why: "something that is not a topic ARN",
      stack: "prod",
      edit: (y: string) =>
        y.replace("us-east-1: [arn:aws:sns:us-east-1:111122223333:oncall-pagerduty]", "us-east-1: [oncall-pagerduty]"),
      value: "oncall-pagerduty]",
      problem:
        'alarms.topics.us-east-1[0]: must be an SNS topic ARN such as arn:aws:sns:us-east-1:111122223333:oncall, got "oncall-pagerduty"',
    },
    {
      why: "more topics than an alarm state runs actions",
      stack: "prod",
      edit: (y: string) =>
        y.replace(
          "us-east-1: [arn:aws:sns:us-east-1:111122223333:oncall-pagerduty]",
          `us-east-1: [${Array.from({ length: 6 }, (_, i) => `arn:aws:sns:us-east-1:111122223333:t${i}`).join(", ")}]`,
        ),
      value: "[arn:aws:sns:us-east-1:111122223333:t0",
      problem:
        'alarms.topics.us-east-1: must list at most 5 SNS topic ARNs because CloudWatch runs at most 5 actions per alarm state, got ["arn:aws:sns:us-east-1:111122223333:t0","arn:aws:sns:us-...',
    },
    {
      why: "an https subscription to a plain http URL",
      stack: "staging",
      edit: (y: string) =>
        y.replace('endpoint: "https://events.pagerduty.com', 'endpoint: "http://events.pagerduty.com'),
      value: '"http://events',
      problem:
        'alarms.subscriptions[0].endpoint: must be a URL that starts with https:// for the https protocol because SNS delivers https notifications by POST to that URL, got "http://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"',
    },
    {
      why: "an email subscription to something that is not an address",
      stack: "staging",
      edit: (y: string) => y.replace("endpoint: sre-staging@acme.example", "endpoint: sre-staging"),
      value: "sre-staging }",
      problem:
        'alarms.subscriptions[1].endpoint: must be an email address for the email protocol because SNS sends email notifications to that address, got "sre-staging"',
    },
    {
      why: "an unquoted account id",
      stack: "staging",
      edit: (y: string) => y.replace('accountId: "111122223333"', "accountId: 111122223333"),
      value: "111122223333",
      problem:
        'alarms.accountId: must be the 12-digit AWS account id, quoted ("012345678901") so leading zeros survive, got 111122223333',
    },
  ])("rejects $why at its line", ({ stack, edit, value, problem }) => {
    const [where, diagnostics] = load(stack, edit, value);
    expect(diagnostics).toEqual([`${where} ${problem}`]);
  });
});
