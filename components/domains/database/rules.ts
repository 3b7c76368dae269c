/**
 * Database rules: storage encrypted with a key of the database's own region, deletion protection
 * in production, and a replica in another region for tiers that must survive a region.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html
 */

import { z } from "zod";
import { isProduction } from "../../core/conventions.js";
import { isRef } from "../../core/plan/types.js";
import { TIER_DEFAULTS } from "../../core/defaults.js";
import { TIERS, type Tier } from "../../core/spec/service.js";
import { describe, must, resourceRule, serviceRule } from "../../core/policy/framework.js";
import type { Finding, ServiceSubject, Subject } from "../../core/policy/types.js";
import { at, isSet, isUnknown, list } from "../../core/policy/values.js";

/** Type tokens of the database resources the rules read. */
export const RDS = {
  globalCluster: "aws:rds/globalCluster:GlobalCluster",
  cluster: "aws:rds/cluster:Cluster",
  instance: "aws:rds/instance:Instance",
  kmsKey: "aws:kms/key:Key",
  secret: "aws:secretsmanager/secret:Secret",
} as const;

/** Clusters and instances that hold the data, one per region. */
export function databases(service: ServiceSubject): Subject[] {
  return service.resources.filter((r) => r.type === RDS.cluster || r.type === RDS.instance);
}

/** Region of the writer: the cluster that creates the master user, or the instance that replicates nothing. */
export function writerRegion(service: ServiceSubject): string | undefined {
  const writer = databases(service).find((r) =>
    r.type === RDS.cluster ? isSet(r.props["masterUsername"]) : !isSet(r.props["replicateSourceDb"]),
  );
  return writer?.region;
}

/** Region of a KMS key reference: the referenced key's region (plan) or the ARN's region (preview). */
function keyRegion(service: ServiceSubject, key: unknown): string | undefined {
  if (isRef(key)) return service.resources.find((r) => r.key === key.ref)?.region;
  if (typeof key === "string") return /^arn:aws[\w-]*:kms:([a-z0-9-]+):/.exec(key)?.[1];
  return undefined;
}

function encryptionProblem(service: ServiceSubject, key: unknown, region: string): string | undefined {
  if (isUnknown(key)) return undefined;
  if (!isSet(key)) return `encrypt with a customer-managed KMS key of ${region} (kmsKeyId)`;
  const keyAt = keyRegion(service, key);
  return keyAt !== undefined && keyAt !== region
    ? `encrypt with a KMS key of its own region ${region}, not ${keyAt}`
    : undefined;
}

/** Encrypted storage with a per-region customer-managed key. */
export const databaseEncryption = serviceRule("database", {
  name: "database-encrypted-per-region",
  fix: "Keep storage encryption with the region's customer-managed KMS key (do not override kmsKeyId or storageEncrypted in a transformation).",
  anchor:
    "AWSGuard rds-storage-encrypted: unencrypted storage or a key of another region breaks at-rest encryption or the failover region.",
  description:
    "Every database cluster and instance has encrypted storage with a customer-managed KMS key of its own region, and every replica of its secret uses that region's key.",
  config: z.object({}),
  check: (service) => {
    const out: Finding[] = [];
    for (const r of [...databases(service), ...service.resources.filter((x) => x.type === RDS.globalCluster)]) {
      const encrypted = r.props["storageEncrypted"];
      if (encrypted !== true && !isUnknown(encrypted))
        out.push({
          resource: r.key,
          path: "spec.database",
          message: must(
            describe(r),
            "set storageEncrypted: true",
            "snapshots and replicas of unencrypted storage leak the data",
          ),
        });
      const problem =
        r.type === RDS.globalCluster ? undefined : encryptionProblem(service, r.props["kmsKeyId"], r.region);
      if (problem)
        out.push({
          resource: r.key,
          path: "spec.database",
          message: must(describe(r), problem, "a region must be able to recover without another region's key service"),
        });
    }
    for (const secret of service.resources.filter((x) => x.type === RDS.secret)) {
      const replicas = list(secret.props, "replicas");
      if (isUnknown(replicas)) continue;
      for (const replica of replicas) {
        const region = at(replica, "region");
        const problem =
          typeof region === "string" ? encryptionProblem(service, at(replica, "kmsKeyId"), region) : undefined;
        if (problem)
          out.push({
            resource: secret.key,
            path: "spec.database",
            message: must(
              `Replica ${String(region)} of ${describe(secret)}`,
              problem,
              "a region must be able to read its database password without another region",
            ),
          });
      }
    }
    return out;
  },
});

/** Deletion protection in production. */
export const databaseDeletionProtection = resourceRule("database", {
  name: "database-deletion-protection",
  enforcement: "production",
  fix: "Set spec.database.deletionProtection: true (the default), or remove the override that disables it.",
  anchor: "AWSGuard rds-instance-deletion-protection-enabled: one wrong destroy deletes production data.",
  description: "In production, every global cluster, cluster and instance has deletion protection.",
  types: [RDS.globalCluster, RDS.cluster, RDS.instance],
  config: z.object({}),
  check: (subject, _config, context) => {
    const value = subject.props["deletionProtection"];
    if (!isProduction(context.environment) || value === true || isUnknown(value)) return [];
    return [
      {
        resource: subject.key,
        path: "spec.database.deletionProtection",
        message: must(
          describe(subject),
          "set deletionProtection: true in production",
          "one mistaken change or destroy would otherwise delete the data",
        ),
      },
    ];
  },
});

function isTier(tier: string): tier is Tier {
  return (TIERS as readonly string[]).includes(tier);
}

/** A replica in another region for tiers that must be multi-region in production. */
export const databaseSecondaries = serviceRule("database", {
  name: "database-secondary-region",
  fix: "Add a region to spec.database.secondaryRegions (e.g. [eu-west-1]) that is also in spec.regions.",
  anchor:
    "AWS multi-Region guidance (Aurora Global Database): a critical service must survive the loss of its primary region.",
  description:
    "In production, the database of a tier that must survive a region (critical) has a replica in another region.",
  config: z.object({}),
  check: (service) => {
    if (!isTier(service.tier) || !TIER_DEFAULTS[service.tier].multiRegionInProd || !isProduction(service.environment))
      return [];
    const dbs = databases(service);
    if (dbs.length === 0) return [];
    const regions = new Set(dbs.map((r) => r.region));
    if (regions.size >= 2) return [];
    return [
      {
        resource: dbs[0]?.key ?? "",
        path: "spec.database.secondaryRegions",
        message: must(
          `The database of ${service.service}`,
          `have a replica in a second region, has only ${[...regions].join(", ")}`,
          `a ${service.tier} service must recover its data when a whole region fails`,
        ),
      },
    ];
  },
});

/** The database rules. */
export const DATABASE_RULES = [databaseEncryption, databaseDeletionProtection, databaseSecondaries];
