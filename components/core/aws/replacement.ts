/**
 * Which input changes make the provider replace a resource (delete and create it again) instead of
 * updating it in place, for the resources that hold data or credentials. The Pulumi AWS provider is
 * bridged from the Terraform AWS provider, so an input the Terraform schema marks `ForceNew` is a
 * replacement in Pulumi too; the random provider replaces a password on any input change.
 * @see https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/rds/cluster.go
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 */

/** The replace-on-change facts of one type token. */
export interface ReplacementFacts {
  /** Top-level inputs whose change replaces the resource. */
  readonly properties: readonly string[];
  /** True when a replacement loses data or credentials (a database, its key, its password). */
  readonly holdsData: boolean;
  /** Where the list comes from. */
  readonly source: string;
}

const TF_RDS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/rds";

/** Type token of the password the Pulumi components generate from a `generated-password` secret reference. */
export const RANDOM_PASSWORD_TOKEN = "random:index/randomPassword:RandomPassword";

/**
 * Replace-on-change inputs per type token (Pulumi input names). Tokens not listed are not
 * classified: their changes are shown as updates.
 */
export const REPLACE_ON_CHANGE: Readonly<Record<string, ReplacementFacts>> = {
  "aws:rds/globalCluster:GlobalCluster": {
    properties: ["globalClusterIdentifier", "engine", "storageEncrypted", "databaseName", "sourceDbClusterIdentifier"],
    holdsData: true,
    source: `${TF_RDS}/global_cluster.go (ForceNew)`,
  },
  "aws:rds/cluster:Cluster": {
    properties: [
      "clusterIdentifier",
      "clusterIdentifierPrefix",
      "engine",
      "engineMode",
      "storageEncrypted",
      "kmsKeyId",
      "databaseName",
      "masterUsername",
      "dbSubnetGroupName",
      "availabilityZones",
      "snapshotIdentifier",
      "sourceRegion",
      "restoreToPointInTime",
      "s3Import",
    ],
    holdsData: true,
    source: `${TF_RDS}/cluster.go (ForceNew)`,
  },
  "aws:rds/clusterInstance:ClusterInstance": {
    properties: [
      "identifier",
      "identifierPrefix",
      "clusterIdentifier",
      "engine",
      "availabilityZone",
      "dbSubnetGroupName",
      "customIamInstanceProfile",
    ],
    holdsData: false,
    source: `${TF_RDS}/cluster_instance.go (ForceNew)`,
  },
  "aws:rds/instance:Instance": {
    properties: [
      "identifier",
      "identifierPrefix",
      "engine",
      "storageEncrypted",
      "kmsKeyId",
      "dbName",
      "username",
      "characterSetName",
      "ncharCharacterSetName",
      "timezone",
      "availabilityZone",
      "customIamInstanceProfile",
      "snapshotIdentifier",
      "restoreToPointInTime",
    ],
    holdsData: true,
    source: `${TF_RDS}/instance.go (ForceNew)`,
  },
  "aws:kms/key:Key": {
    properties: ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    holdsData: true,
    source: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/kms/key.go (ForceNew)",
  },
  "aws:secretsmanager/secret:Secret": {
    properties: ["name", "namePrefix"],
    holdsData: true,
    source:
      "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/secretsmanager/secret.go (ForceNew)",
  },
  [RANDOM_PASSWORD_TOKEN]: {
    properties: [
      "length",
      "special",
      "overrideSpecial",
      "upper",
      "lower",
      "numeric",
      "minLower",
      "minUpper",
      "minNumeric",
      "minSpecial",
      "keepers",
    ],
    holdsData: true,
    source:
      "https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password (every argument: RequiresReplace)",
  },
};

/** The replace-on-change facts of a token, if it is classified. */
export function replacementFacts(type: string): ReplacementFacts | undefined {
  return Object.hasOwn(REPLACE_ON_CHANGE, type) ? REPLACE_ON_CHANGE[type] : undefined;
}
