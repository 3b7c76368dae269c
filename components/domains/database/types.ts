/** What the database planner decided, for `plan.json`, the budget and the policies. */
export interface DatabaseSummary {
  /** Engine and version. */
  readonly engine: string;
  /** Engine version. */
  readonly version: string;
  /** `aurora-global` (global cluster), `aurora` (one regional cluster), `rds-replicas` (Multi-AZ instance + cross-region replicas) or `rds` (Multi-AZ instance). */
  readonly topology: "aurora-global" | "aurora" | "rds-replicas" | "rds";
  /** Region of the writer. */
  readonly primaryRegion: string;
  /** Regions holding a replica. */
  readonly secondaryRegions: readonly string[];
  /** Instances per region. */
  readonly instancesPerRegion: number;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Global write forwarding on the secondaries. */
  readonly writeForwarding: boolean;
  /** Deletion protection (and Pulumi protect/retainOnDelete). */
  readonly deletionProtection: boolean;
  /** Global cluster identifier (Aurora with secondaries). */
  readonly globalIdentifier?: string;
  /** Cluster (Aurora) or instance (RDS) identifier per region. */
  readonly identifiers: Readonly<Record<string, string>>;
  /** Secrets Manager secret holding the master password, replicated to every database region. */
  readonly secret: { readonly name: string; readonly regions: readonly string[]; readonly username: string };
}
