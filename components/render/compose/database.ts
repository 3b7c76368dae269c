/**
 * Local database containers for a service's database dependencies and its `spec.database`,
 * from the official `postgres` and `mysql` images, with credentials for local use only.
 * @see https://hub.docker.com/_/postgres
 * @see https://hub.docker.com/_/mysql
 */

import { localDatabaseName } from "../../core/conventions.js";
import { DEFAULTS } from "../../core/defaults.js";
import type { PathSegment } from "../../core/spec/positions.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { DatabaseSettings } from "../../domains/database/settings.js";
import type { DependencyInput } from "../../domains/workload/schema.js";
import { seconds } from "./healthcheck.js";
import type { ComposeService } from "./types.js";

/** Engines a local database container runs. */
export type LocalEngine = "postgres" | "mysql";

/** A local database container one service needs. */
export interface LocalDatabase {
  /** Compose service name (the dependency's name, so the application reaches it by that host name). */
  readonly name: string;
  /** Engine family. */
  readonly engine: LocalEngine;
  /** Image with tag, e.g. `postgres:16`. */
  readonly image: string;
  /** Database created on first start. */
  readonly databaseName: string;
  /** Host port to publish on, if free. */
  readonly hostPort: number;
  /** Where the database is declared in the spec, for diagnostics. */
  readonly path: readonly PathSegment[];
}

/**
 * The local databases a service needs: one per `database` dependency (named after it), or, for a
 * service with `spec.database` and no database dependency, one named by convention.
 * The engine follows the dependency's port (5432 PostgreSQL, 3306 MySQL), else `spec.database`, else PostgreSQL.
 */
export function localDatabases(service: ResolvedService): LocalDatabase[] {
  const deps = service.dependencies.flatMap((d, i) => (d.kind === "database" ? [{ d, i }] : []));
  const own = service.database;
  if (deps.length === 0) {
    if (!own) return [];
    const engine = familyOf(own);
    return [
      database(localDatabaseName(service.name), engine, own, service, DEFAULTS.localDatabase[engine].port, [
        "spec",
        "database",
      ]),
    ];
  }
  return deps.map(({ d, i }) => fromDependency(d, i, service));
}

function fromDependency(d: DependencyInput, index: number, service: ResolvedService): LocalDatabase {
  const own = service.database;
  const byPort = (["postgres", "mysql"] as const).find((e) => DEFAULTS.localDatabase[e].port === d.port);
  const engine = byPort ?? (own ? familyOf(own) : "postgres");
  const sameEngine = own !== undefined && familyOf(own) === engine;
  return database(
    d.name,
    engine,
    sameEngine ? own : undefined,
    service,
    d.port ?? DEFAULTS.localDatabase[engine].port,
    ["spec", "dependencies", index, "name"],
  );
}

function database(
  name: string,
  engine: LocalEngine,
  own: DatabaseSettings | undefined,
  service: ResolvedService,
  hostPort: number,
  path: readonly PathSegment[],
): LocalDatabase {
  const databaseName = own ? (own.databaseName ?? identifier(service.name)) : identifier(name);
  return {
    name,
    engine,
    image: `${DEFAULTS.localDatabase[engine].image}:${imageTag(engine, own?.version)}`,
    databaseName,
    hostPort,
    path,
  };
}

function familyOf(db: DatabaseSettings): LocalEngine {
  return db.engine === "mysql" || db.engine === "aurora-mysql" ? "mysql" : "postgres";
}

/** A database name from a service or dependency name (`report-worker` → `report_worker`). */
function identifier(name: string): string {
  return name.replace(/-/g, "_");
}

/**
 * The image tag for an engine version: PostgreSQL's major version (`16.4` → `16`; before 10, `9.6`),
 * MySQL's major.minor (`8.0.35` and Aurora's `8.0.mysql_aurora.3.05.2` → `8.0`).
 */
export function imageTag(engine: LocalEngine, version: string | undefined): string {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version ?? "");
  if (!match?.[1]) return DEFAULTS.localDatabase[engine].version;
  const [major, minor] = [match[1], match[2]];
  if (engine === "postgres" && Number(major) >= 10) return major;
  return minor === undefined ? major : `${major}.${minor}`;
}

/** The Compose service of a local database, with its own readiness check over TCP. */
export function databaseService(db: LocalDatabase, ports: readonly string[]): ComposeService {
  const { user, password, healthcheck: h } = DEFAULTS.localDatabase;
  const environment =
    db.engine === "postgres"
      ? { POSTGRES_DB: db.databaseName, POSTGRES_PASSWORD: password, POSTGRES_USER: user }
      : { MYSQL_DATABASE: db.databaseName, MYSQL_PASSWORD: password, MYSQL_ROOT_PASSWORD: password, MYSQL_USER: user };
  // Over TCP on 127.0.0.1: the images' first-start initialisation server listens only on the Unix
  // socket, so a socket check would report ready before the real server is up.
  const test =
    db.engine === "postgres"
      ? ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", user, "-d", db.databaseName]
      : ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"];
  return {
    image: db.image,
    environment,
    ports,
    healthcheck: {
      test,
      interval: seconds(h.intervalSeconds),
      timeout: seconds(h.timeoutSeconds),
      retries: h.retries,
      start_period: seconds(h.startPeriodSeconds),
    },
    restart: "unless-stopped",
  };
}
