/**
 * What differs between the supported engines: RDS engine name, parameter-group family, port,
 * the parameter that enforces TLS, and which versions support global write forwarding.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_WorkingWithParamGroups.html
 */

/** Database engines the planner supports. */
export const DATABASE_ENGINES = ["aurora-postgresql", "aurora-mysql", "postgres", "mysql"] as const;

/** A supported engine. */
export type Engine = (typeof DATABASE_ENGINES)[number];

/** True for the Aurora engines (global cluster topology). */
export function isAurora(engine: Engine): boolean {
  return engine === "aurora-postgresql" || engine === "aurora-mysql";
}

/** True for the PostgreSQL-compatible engines. */
export function isPostgres(engine: Engine): boolean {
  return engine === "aurora-postgresql" || engine === "postgres";
}

/** Default port of the engine. */
export function enginePort(engine: Engine): number {
  return isPostgres(engine) ? 5432 : 3306;
}

/**
 * Parameter-group family of an engine version (`aurora-postgresql16`, `aurora-mysql8.0`, `postgres16`, `mysql8.0`).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html
 */
export function parameterFamily(engine: Engine, version: string): string {
  const [major = "", minor = ""] = version.split(".");
  if (isPostgres(engine)) return `${engine}${Number(major) >= 10 ? major : `${major}.${minor}`}`;
  return `${engine}${major}.${minor}`;
}

/** The parameter that makes the server refuse unencrypted connections. */
export function tlsParameter(engine: Engine): { readonly name: string; readonly value: string } {
  return isPostgres(engine) ? { name: "rds.force_ssl", value: "1" } : { name: "require_secure_transport", value: "ON" };
}

/** Log types exported to CloudWatch Logs. */
export function logExports(engine: Engine): string[] {
  return isPostgres(engine) ? ["postgresql"] : ["error", "slowquery"];
}

/**
 * Whether an Aurora engine version supports global write forwarding: Aurora PostgreSQL 16+, 15.4+ and 14.9+;
 * Aurora MySQL 2.08.1+ and 3.04+ (the Aurora version follows `mysql_aurora.` in the engine version).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-ams.html
 */
export function supportsWriteForwarding(engine: Engine, version: string): boolean {
  if (engine === "aurora-postgresql") {
    const [major = 0, minor = 0] = version.split(".").map(Number);
    return major >= 16 || (major === 15 && minor >= 4) || (major === 14 && minor >= 9);
  }
  if (engine === "aurora-mysql") {
    const aurora = /mysql_aurora\.(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
    if (!aurora) return false;
    const [major, minor, patch] = [Number(aurora[1]), Number(aurora[2]), Number(aurora[3] ?? 0)];
    return major > 3 || (major === 3 && minor >= 4) || (major === 2 && (minor > 8 || (minor === 8 && patch >= 1)));
  }
  return false;
}

/** What write forwarding requires, for error messages. */
export const WRITE_FORWARDING_VERSIONS =
  "aurora-postgresql 14.9+, 15.4+ or 16+, or aurora-mysql 2.08.1+ or 3.04+ (e.g. 8.0.mysql_aurora.3.05.2)";
