/**
 * Elastic Load Balancing facts a Route 53 alias needs: the canonical hosted zone of each load
 * balancer type in each commercial region, and the DNS-name shapes that tell the type and region.
 * @see https://docs.aws.amazon.com/general/latest/gr/elb.html#elb_region
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html
 */

import type { AwsLimit } from "./limit.js";

/** The two hosted-zone families ELB publishes: Application and Classic Load Balancers share one, Network Load Balancers have their own. */
export type LoadBalancerFamily = "application" | "network";

/** Canonical hosted zones of one region. */
export interface ElbHostedZones {
  /** Zone of Application and Classic Load Balancers. */
  readonly application: string;
  /** Zone of Network Load Balancers. */
  readonly network: string;
}

/**
 * Route 53 hosted zone ids of load balancers per commercial region (AWS General Reference,
 * "Elastic Load Balancing endpoints and quotas", columns "Route 53 Hosted Zone ID").
 * @see https://docs.aws.amazon.com/general/latest/gr/elb.html#elb_region
 */
export const ELB_HOSTED_ZONES: Readonly<Record<string, ElbHostedZones>> = {
  "af-south-1": { application: "Z268VQBMOI5EKX", network: "Z203XCE67M25HM" },
  "ap-east-1": { application: "Z3DQVH9N71FHZ0", network: "Z12Y7K3UBGUAD1" },
  "ap-east-2": { application: "Z02789141MW7T1WBU19PO", network: "Z09176273OC2HWIAUNYW" },
  "ap-northeast-1": { application: "Z14GRHDCWA56QT", network: "Z31USIVHYNEOWT" },
  "ap-northeast-2": { application: "ZWKZPGTI48KDX", network: "ZIBE1TIR4HY56" },
  "ap-northeast-3": { application: "Z5LXEXXYW11ES", network: "Z1GWIQ4HH19I5X" },
  "ap-south-1": { application: "ZP97RAFLXTNZK", network: "ZVDDRBQ08TROA" },
  "ap-south-2": { application: "Z0173938T07WNTVAEPZN", network: "Z0711778386UTO08407HT" },
  "ap-southeast-1": { application: "Z1LMS91P8CMLE5", network: "ZKVM4W9LS7TM" },
  "ap-southeast-2": { application: "Z1GM3OXH4ZPM65", network: "ZCT6FZBF4DROD" },
  "ap-southeast-3": { application: "Z08888821HLRG5A9ZRTER", network: "Z01971771FYVNCOVWJU1G" },
  "ap-southeast-4": { application: "Z09517862IB2WZLPXG76F", network: "Z01156963G8MIIL7X90IV" },
  "ap-southeast-5": { application: "Z06010284QMVVW7WO5J", network: "Z026317210H9ACVTRO6FB" },
  "ap-southeast-6": { application: "Z023301818UFJ50CIO0MV", network: "Z01392953RKV2Q3RBP0KU" },
  "ap-southeast-7": { application: "Z0390008CMBRTHFGWBCB", network: "Z054363131YWATEMWRG5L" },
  "ca-central-1": { application: "ZQSVJUPU6J1EY", network: "Z2EPGBW3API2WT" },
  "ca-west-1": { application: "Z06473681N0SF6OS049SD", network: "Z02754302KBB00W2LKWZ9" },
  "eu-central-1": { application: "Z215JYRZR1TBD5", network: "Z3F0SRJ5LGBH90" },
  "eu-central-2": { application: "Z06391101F2ZOEP8P5EB3", network: "Z02239872DOALSIDCX66S" },
  "eu-north-1": { application: "Z23TAZ6LKFMNIO", network: "Z1UDT6IFJ4EJM" },
  "eu-south-1": { application: "Z3ULH7SSC9OV64", network: "Z23146JA1KNAFP" },
  "eu-south-2": { application: "Z0956581394HF5D5LXGAP", network: "Z1011216NVTVYADP1SSV" },
  "eu-west-1": { application: "Z32O12XQLNTSW2", network: "Z2IFOLAFXWLO4F" },
  "eu-west-2": { application: "ZHURV8PSTC4K8", network: "ZD4D7Y8KGAS4G" },
  "eu-west-3": { application: "Z3Q77PNBQS71R4", network: "Z1CMS0P5QUZ6D5" },
  "il-central-1": { application: "Z09170902867EHPV2DABU", network: "Z0313266YDI6ZRHTGQY4" },
  "me-central-1": { application: "Z08230872XQRWHG2XF6I", network: "Z00282643NTTLPANJJG2P" },
  "me-south-1": { application: "ZS929ML54UICD", network: "Z3QSRYVP46NYYV" },
  "mx-central-1": { application: "Z023552324OKD1BB28BH5", network: "Z02031231H3ID6HYJ9A7U" },
  "sa-east-1": { application: "Z2P70J7HTTTPLU", network: "ZTK26PT1VY4CU" },
  "us-east-1": { application: "Z35SXDOTRQ7X7K", network: "Z26RNL4JYFTOTI" },
  "us-east-2": { application: "Z3AADJGX6KTTL2", network: "ZLMOA37VPKANP" },
  "us-west-1": { application: "Z368ELLRRE2KJ0", network: "Z24FKFUX50B4VW" },
  "us-west-2": { application: "Z1H1FL5HABSF5", network: "Z18D5FSROUN65G" },
};

/** What a load balancer's DNS name says about it. */
export interface LoadBalancerName {
  /** Hosted-zone family. */
  readonly family: LoadBalancerFamily;
  /** Region named in the DNS name. */
  readonly region: string;
}

const LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
const REGION = "([a-z]{2}(?:-gov)?-[a-z]+-\\d+)";
/** `[dualstack.]<name>-<id>.<region>.elb.amazonaws.com`: an Application or Classic Load Balancer. */
const APPLICATION_NAME = new RegExp(`^(dualstack\\.)?${LABEL}\\.${REGION}\\.elb\\.amazonaws\\.com\\.?$`, "i");
/** `<name>-<id>.elb.<region>.amazonaws.com`: a Network Load Balancer. */
const NETWORK_NAME = new RegExp(`^${LABEL}\\.elb\\.${REGION}\\.amazonaws\\.com\\.?$`, "i");

/** The shapes of load balancer DNS names accepted, for messages. */
export const LOAD_BALANCER_SHAPES =
  "<name>-<id>.<region>.elb.amazonaws.com (Application or Classic Load Balancer, optionally with a dualstack. prefix) or <name>-<id>.elb.<region>.amazonaws.com (Network Load Balancer)";

/** Reads the family and region from a load balancer DNS name; undefined for any other name. */
export function parseLoadBalancerName(dnsName: string): LoadBalancerName | undefined {
  const application = APPLICATION_NAME.exec(dnsName);
  if (application?.[3]) return { family: "application", region: application[3].toLowerCase() };
  const network = NETWORK_NAME.exec(dnsName);
  if (network?.[2]) return { family: "network", region: network[2].toLowerCase() };
  return undefined;
}

const FAMILY_NAMES: Readonly<Record<LoadBalancerFamily, string>> = {
  application: "Application and Classic Load Balancers",
  network: "Network Load Balancers",
};

/** Alias targets that are not load balancers, recognised so the message can say what to do instead. */
const OTHER_TARGETS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\.cloudfront\.net\.?$/i, what: "a CloudFront distribution" },
  { pattern: /\.execute-api\.[a-z0-9-]+\.amazonaws\.com\.?$/i, what: "an API Gateway endpoint" },
  { pattern: /\.awsglobalaccelerator\.com\.?$/i, what: "a Global Accelerator" },
  { pattern: /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com\.?$/i, what: "an S3 website endpoint" },
];

/** A problem with one field of a load balancer alias target. */
export interface AliasTargetProblem extends AwsLimit {
  /** The field at fault. */
  readonly field: "dnsName" | "hostedZoneId";
}

/**
 * What is wrong with `{ dnsName, hostedZoneId }` configured as the load balancer of `region`:
 * an unknown shape, a load balancer of another region, a region without published zones, or a
 * hosted zone that is not the canonical one of the load balancer's type and region.
 */
export function aliasTargetProblem(
  region: string,
  target: { readonly dnsName: string; readonly hostedZoneId: string },
): AliasTargetProblem | undefined {
  const parsed = parseLoadBalancerName(target.dnsName);
  if (!parsed) return unknownShape(target.dnsName);
  if (parsed.region !== region) {
    return {
      field: "dnsName",
      must: `name a load balancer in ${region}, the region it is configured under, not one in ${parsed.region}`,
      because: "each region's record must send its traffic to that region's ingress",
    };
  }
  const zones = ELB_HOSTED_ZONES[region];
  if (!zones) {
    return {
      field: "dnsName",
      must: `name a load balancer in a commercial region whose ELB hosted zones AWS publishes (${Object.keys(ELB_HOSTED_ZONES).join(", ")})`,
      because: "the alias needs the canonical hosted zone of the load balancer's region",
    };
  }
  const expected = zones[parsed.family];
  if (target.hostedZoneId === expected) return undefined;
  const other = Object.entries(zones).find(([, id]) => id === target.hostedZoneId)?.[0] as
    LoadBalancerFamily | undefined;
  const hint = other ? ` (${target.hostedZoneId} is the zone of ${FAMILY_NAMES[other]} in ${region})` : "";
  return {
    field: "hostedZoneId",
    must: `be ${expected}, the hosted zone of ${FAMILY_NAMES[parsed.family]} in ${region} that dnsName names${hint}`,
    because: "Route 53 refuses an alias whose target is not in the given hosted zone",
  };
}

function unknownShape(dnsName: string): AliasTargetProblem {
  const other = OTHER_TARGETS.find((t) => t.pattern.test(dnsName));
  const fix = other
    ? `; for ${other.what}, remove loadBalancer and set ingress.hostname to its DNS name, so the records are CNAMEs to it`
    : "; to route to any other endpoint, remove loadBalancer so the records are CNAMEs to ingress.hostname";
  return {
    field: "dnsName",
    must: `be a load balancer DNS name: ${LOAD_BALANCER_SHAPES}${fix}`,
    because: "the records alias the region's load balancer in its canonical hosted zone",
  };
}
