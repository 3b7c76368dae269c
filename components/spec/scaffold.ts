/**
 * A new service's spec, written by `reliability init`: the fields a service must state, commented,
 * for the regions the stacks define, with an environment overlay wherever a stack has fewer regions
 * or no hosted zone. Pure: the CLI validates and plans the text before writing it.
 */

import { Document, isPair, isScalar, isSeq, visit } from "yaml";
import { FAILOVER_TIER_DEFAULTS, POLICY_LIMITS, TIER_DEFAULTS } from "../core/defaults.js";
import type { StackConfig } from "../core/stack/config.js";
import { API_VERSION, type Tier } from "../core/spec/service.js";

/** What the service is: a public HTTP API (DNS and status checks), an internal HTTP API, or a worker without inbound traffic. */
export const SERVICE_SHAPES = ["public", "internal", "worker"] as const;
/** One of {@link SERVICE_SHAPES}. */
export type ServiceShape = (typeof SERVICE_SHAPES)[number];

/** The databases `init` can start a spec with. */
export const DATABASE_CHOICES = ["aurora", "rds", "none"] as const;
/** One of {@link DATABASE_CHOICES}. */
export type DatabaseChoice = (typeof DATABASE_CHOICES)[number];

/** The answers a new spec is written from. */
export interface ScaffoldAnswers {
  /** Service name (`metadata.name`). */
  readonly name: string;
  /** Owning team. */
  readonly team: string;
  /** Tier. */
  readonly tier: Tier;
  /** Public API, internal API or worker. */
  readonly shape: ServiceShape;
  /** Database to start with. */
  readonly database: DatabaseChoice;
  /** Regions, primary first. */
  readonly regions: readonly string[];
  /** DNS zone of a public service's name. */
  readonly zone: string;
}

/**
 * Database engine, version and instance class `init` writes for each choice.
 * @default aurora: aurora-postgresql 16.4 on db.r6g.large; rds: postgres 16.4 on db.m6g.large
 */
export const SCAFFOLD_DATABASES = {
  aurora: { engine: "aurora-postgresql", version: "16.4", instanceClass: "db.r6g.large" },
  rds: { engine: "postgres", version: "16.4", instanceClass: "db.m6g.large" },
} as const;

/**
 * Container port, availability objective and weekly chaos start hour (UTC) of a new spec.
 * @default HTTP services on 8080, workers on 9000; 99.95 / 99.9 / 99 by tier; experiments Wednesdays at 11:xx
 */
export const SCAFFOLD_DEFAULTS = {
  httpPort: 8080,
  workerPort: 9000,
  availability: { critical: 99.95, standard: 99.9, "best-effort": 99 } as Readonly<Record<Tier, number>>,
  chaosHour: 11,
  chaosWeekday: 3,
  /** @default "500ms" — the database call's timeout: a critical service must state it, so every tier starts with one to tune from the database's p99.9. */
  databaseTimeout: "500ms",
  image: (team: string, name: string) => `ghcr.io/${team}/${name}:0.1.0`.replace(/-{2,}/g, "-"),
} as const;

/** Every region the stacks define, in the order they first appear (the production stack first). */
export function stackRegions(stacks: readonly StackConfig[]): string[] {
  const ordered = [...stacks].sort((a, b) => Object.keys(b.regions).length - Object.keys(a.regions).length);
  return [...new Set(ordered.flatMap((s) => Object.keys(s.regions)))];
}

/** The comment-free document of a new spec (the text adds comments around its sections). */
export function scaffoldDocument(a: ScaffoldAnswers, stacks: readonly StackConfig[]): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    regions: [...a.regions],
    workload: workload(a),
    ...(a.database === "none"
      ? {}
      : { dependencies: [{ name: `${a.name}-db`, kind: "database", timeout: SCAFFOLD_DEFAULTS.databaseTimeout }] }),
    objectives: { availability: SCAFFOLD_DEFAULTS.availability[a.tier] },
    indicators: indicators(a),
    ...(TIER_DEFAULTS[a.tier].chaosEnabled ? { chaos: chaos(a) } : {}),
    ...(a.database === "none" ? {} : { database: database(a) }),
    ...(a.shape === "public" ? { dns: { zone: a.zone, name: `${a.name}.${a.zone}`, routing: "failover" } } : {}),
  };
  const environments = overlays(a, stacks);
  if (Object.keys(environments).length > 0) spec["environments"] = environments;
  return {
    apiVersion: API_VERSION,
    kind: "Service",
    metadata: { name: a.name, team: a.team, tier: a.tier },
    spec,
  };
}

function workload(a: ScaffoldAnswers): Record<string, unknown> {
  const worker = a.shape === "worker";
  return {
    image: SCAFFOLD_DEFAULTS.image(a.team, a.name),
    port: worker ? SCAFFOLD_DEFAULTS.workerPort : SCAFFOLD_DEFAULTS.httpPort,
    resources: { cpu: "250m", memory: "256Mi" },
    probes: worker
      ? { liveness: { tcp: {} }, readiness: { tcp: {} } }
      : { liveness: { http: { path: "/healthz" } }, readiness: { http: { path: "/ready" } } },
  };
}

function indicators(a: ScaffoldAnswers): Record<string, unknown> {
  const job = `job="${a.name}"`;
  if (a.shape === "worker")
    return {
      availability: {
        errors: `sum(rate(jobs_processed_total{${job},outcome="failed"}[{{window}}]))`,
        total: `sum(rate(jobs_processed_total{${job}}[{{window}}]))`,
      },
    };
  return {
    availability: {
      errors: `sum(rate(http_requests_total{${job},code=~"5.."}[{{window}}]))`,
      total: `sum(rate(http_requests_total{${job}}[{{window}}]))`,
    },
  };
}

/** A weekly pod kill, at a minute of the hour taken from the name so new services do not all start together. */
function chaos(a: ScaffoldAnswers): Record<string, unknown> {
  const minute = [...a.name].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 60, 7);
  const schedule = `${minute} ${SCAFFOLD_DEFAULTS.chaosHour} * * ${SCAFFOLD_DEFAULTS.chaosWeekday}`;
  return {
    blackouts: [{ name: "weekend", days: ["sat", "sun"] }],
    experiments: [{ name: "kill-one-pod", action: "pod-kill", schedule, maxUnavailable: 1 }],
  };
}

function database(a: ScaffoldAnswers): Record<string, unknown> {
  const choice = SCAFFOLD_DATABASES[a.database === "aurora" ? "aurora" : "rds"];
  const [primary, ...secondaries] = a.regions;
  const floor = POLICY_LIMITS.minAuroraInstancesInProduction;
  const instances =
    a.database === "aurora" && FAILOVER_TIER_DEFAULTS[a.tier].instances < floor ? { instances: floor } : {};
  return { ...choice, primaryRegion: primary, secondaryRegions: secondaries, ...instances };
}

/** Per environment: the regions its stack has, the database replicas there and DNS where it has no zone. */
function overlays(a: ScaffoldAnswers, stacks: readonly StackConfig[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const stack of [...stacks].sort((x, y) => x.environment.localeCompare(y.environment))) {
    const here = a.regions.filter((r) => r in stack.regions);
    const overlay: Record<string, unknown> = {};
    if (here.length > 0 && here.length < a.regions.length) {
      overlay["regions"] = here;
      if (a.database !== "none") overlay["database"] = { secondaryRegions: here.slice(1) };
    }
    if (a.shape === "public" && !failoverPossible(stack, here)) overlay["dns"] = null;
    if (Object.keys(overlay).length > 0) out[stack.environment] = { ...out[stack.environment], ...overlay };
  }
  return out;
}

/**
 * Whether a stack can hold DNS failover for the regions: a hosted zone, two regions (one PRIMARY
 * and one SECONDARY record) and somewhere for the health-check alarms of each to notify.
 */
function failoverPossible(stack: StackConfig, regions: readonly string[]): boolean {
  const alarms = stack.alarms;
  const notified = alarms?.accountId !== undefined || regions.every((r) => (alarms?.topics?.[r]?.length ?? 0) > 0);
  return stack.route53 !== undefined && regions.length === 2 && notified;
}

/** Comments put above each top-level field of `spec`. */
const SECTION_COMMENTS: Readonly<Record<string, string>> = {
  regions: "Where it runs, primary first; each stack keeps the regions it defines (see environments).",
  workload: "The container. Probes, shutdown and the replica floor take the tier's defaults.",
  dependencies: "What the service calls; chaos experiments can target them by name.",
  objectives: "What the service promises. rto and rpo default by tier.",
  indicators: "The SLIs: replace the queries with your metrics ({{window}} is filled in per alert window).",
  chaos: "A weekly pod kill, out of weekends; add experiments as confidence grows.",
  database: "Multi-region database: replicas in the other regions, promoted on failover.",
  dns: "Public name with Route 53 health checks and failover between the regions.",
  environments: "Per environment (the stack's reliability:environment), deep-merged over spec.",
};

/** Depth of `metadata` in the document's tree, whose mappings stay one field a line. */
const METADATA_DEPTH = 3;

/** Longest mapping written on one line. */
const FLOW_WIDTH = 90;

/** The key of the pair `up` levels above a node (1: the node's own pair). */
function keyAbove(path: readonly unknown[], up: number): string | undefined {
  const pair = path[path.length - up];
  return isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Writes lists of scalars and mappings of scalars on one line, as the example specs do. */
function flowLeaves(document: Document): Document {
  visit(document, {
    Seq: (_, node) => void (node.flow = node.items.every((i) => isScalar(i))),
    Map: (_, node, path) => {
      if (path.length <= METADATA_DEPTH || keyAbove(path, 3) === "environments") return;
      const leaf = node.items.every(
        (p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every((i) => isScalar(i))),
      );
      node.flow = leaf && String(node).length <= FLOW_WIDTH;
    },
  });
  return document;
}

/**
 * The text of a new spec: the editor's schema line, a header, and each section with a comment.
 * `schemaRef` is the JSON Schema's path relative to the file (or a URL).
 */
export function scaffoldText(a: ScaffoldAnswers, stacks: readonly StackConfig[], schemaRef: string): string {
  const doc = scaffoldDocument(a, stacks);
  const body = flowLeaves(new Document(doc))
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .split("\n")
    .map((line) => {
      const key = /^ {2}([A-Za-z]+):/.exec(line)?.[1];
      const comment = key && line.startsWith("  ") && !line.startsWith("   ") ? SECTION_COMMENTS[key] : undefined;
      return comment ? `  # ${comment}\n${line}` : line;
    })
    .join("\n");
  const header = [
    `# yaml-language-server: $schema=${schemaRef}`,
    `# ${a.name}: ${a.tier} ${a.shape === "worker" ? "worker" : `${a.shape} API`}, written by reliability init.`,
    "# Every field is documented: reliability explain <field> (for example: reliability explain workload.replicas).",
  ];
  return `${header.join("\n")}\n${body}`;
}

/** The DNS zone the stacks' ingress host names share (their last two labels), for a public service's name. */
export function defaultZone(stacks: readonly StackConfig[]): string {
  const host = stacks.flatMap((s) => Object.values(s.regions).map((r) => r.ingress.hostname))[0] ?? "example.com";
  return host.split(".").slice(-2).join(".");
}
