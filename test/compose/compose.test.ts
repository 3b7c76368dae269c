import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderCompose } from "../../components/render/compose.js";
import { imageTag } from "../../components/render/compose/database.js";
import { formatDiagnostic } from "../../components/core/spec/errors.js";
import { expandServices } from "../../components/pipeline.js";
import { loadSpecFiles } from "../../components/spec/load.js";
import { baseSpec, exampleStack, ROOT } from "../support/project.js";
import { composeSchemaErrors, formatErrors } from "./schema.js";
import { composeOf, named } from "./support.js";

const GOLDEN = join(__dirname, "golden", "dev.compose.yaml");
const postgres = { engine: "postgres", version: "16.4", instanceClass: "db.t4g.small", primaryRegion: "us-east-1" };

describe("the Compose file of the example services", () => {
  const { services } = loadSpecFiles(expandServices("services/*.yaml", ROOT), exampleStack("dev"), ROOT);
  const rendered = renderCompose(services, { stack: "dev", environment: "dev" });

  it("validates against the Compose Specification schema", () => {
    expect(rendered.diagnostics).toEqual([]);
    expect(formatErrors(composeSchemaErrors(rendered.document))).toEqual([]);
  });

  it("matches the golden file (UPDATE_GOLDEN=1 rewrites it)", () => {
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, rendered.text);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(rendered.text).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("starts each service only once its database and the services it calls report healthy", () => {
    expect(rendered.document.services.checkout?.depends_on).toEqual({
      "checkout-db": { condition: "service_healthy" },
      inventory: { condition: "service_healthy" },
    });
    expect(rendered.document.services["report-worker"]?.depends_on).toEqual({
      checkout: { condition: "service_healthy" },
    });
  });
});

describe("local databases", () => {
  it("gives a service with spec.database a PostgreSQL container checked over TCP with pg_isready", () => {
    const { document } = composeOf([named(baseSpec(), "orders", { "spec.database": postgres })]);
    expect(document.services.orders?.depends_on).toEqual({ "orders-db": { condition: "service_healthy" } });
    expect(document.services["orders-db"]).toMatchObject({
      image: "postgres:16",
      environment: { POSTGRES_DB: "orders", POSTGRES_USER: "app", POSTGRES_PASSWORD: "local-only" },
      ports: ["127.0.0.1:5432:5432"],
      restart: "unless-stopped",
      healthcheck: { test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "app", "-d", "orders"] },
    });
    expect(formatErrors(composeSchemaErrors(document))).toEqual([]);
  });

  it("names the container after the database dependency, so the application reaches it by that host name", () => {
    const spec = named(baseSpec(), "orders", {
      "spec.database": { ...postgres, databaseName: "shop" },
      "spec.dependencies": [{ name: "orders-primary", kind: "database", port: 5432 }],
    });
    const { document } = composeOf([spec]);
    expect(Object.keys(document.services)).toEqual(["orders", "orders-primary"]);
    expect(document.services["orders-primary"]?.environment).toMatchObject({ POSTGRES_DB: "shop" });
  });

  it("runs MySQL for a MySQL dependency, checked with mysqladmin ping over TCP", () => {
    const spec = named(baseSpec(), "orders", {
      "spec.dependencies": [{ name: "legacy-db", kind: "database", port: 3306 }],
    });
    const { document } = composeOf([spec]);
    expect(document.services["legacy-db"]).toMatchObject({
      image: "mysql:8.0",
      environment: { MYSQL_DATABASE: "legacy_db", MYSQL_USER: "app" },
      healthcheck: { test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"] },
    });
    expect(formatErrors(composeSchemaErrors(document))).toEqual([]);
  });

  it.each([
    ["postgres", "16.4", "16"],
    ["postgres", "9.6.24", "9.6"],
    ["mysql", "8.0.35", "8.0"],
    ["mysql", "8.0.mysql_aurora.3.05.2", "8.0"],
    ["postgres", undefined, "16"],
  ] as const)("tags the %s image for version %s as %s", (engine, version, tag) => {
    expect(imageTag(engine, version)).toBe(tag);
  });

  it("publishes two databases on the same port on the next free host port", () => {
    const { document } = composeOf([
      named(baseSpec(), "orders", { "spec.database": postgres }),
      named(baseSpec(), "payments", { "spec.database": postgres, "spec.workload.port": 8081 }),
    ]);
    expect(document.services["orders-db"]?.ports).toEqual(["127.0.0.1:5432:5432"]);
    expect(document.services["payments-db"]?.ports).toEqual(["127.0.0.1:5433:5432"]);
  });

  it("reports a database that two services describe differently, with file and line", () => {
    const dep = (port: number) => [{ name: "shared-db", kind: "database", port }];
    const { diagnostics } = composeOf([
      named(baseSpec(), "orders", { "spec.dependencies": dep(5432) }),
      named(baseSpec(), "payments", { "spec.dependencies": dep(3306) }),
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^services\/payments\.yaml:\d+:\d+ spec\.dependencies\[0\]\.name: must be the same local database as in services\/orders\.yaml \(postgres:16, database shared_db\) or have another name, got mysql:8\.0, database shared_db$/,
      ),
    ]);
  });
});

describe("dependencies between services", () => {
  const calls = (target: string) => ({ "spec.dependencies": [{ name: target, kind: "service", service: target }] });

  it("waits for a called service that is rendered too, and notes one that is not", () => {
    const result = composeOf([
      named(baseSpec(), "orders", calls("payments")),
      named(baseSpec(), "payments", { "spec.workload.port": 8081 }),
      named(baseSpec(), "shipping", calls("carrier")),
    ]);
    expect(result.document.services.orders?.depends_on).toEqual({ payments: { condition: "service_healthy" } });
    expect(result.document.services.shipping?.depends_on).toBeUndefined();
    expect(result.notes).toEqual([
      expect.stringContaining("shipping calls carrier, which is not among the rendered services"),
    ]);
    expect(result.document.services.payments?.ports).toEqual(["127.0.0.1:8081:8081"]);
  });

  it("never renders a dependency cycle, which Compose would refuse to start: the specs are refused first", () => {
    expect(() =>
      composeOf([named(baseSpec(), "orders", calls("payments")), named(baseSpec(), "payments", calls("orders"))]),
    ).toThrow("form the cycle orders → payments → orders");
  });

  it("reports a database dependency named like a service", () => {
    const { diagnostics } = composeOf([
      named(baseSpec(), "orders", { "spec.dependencies": [{ name: "payments", kind: "database" }] }),
      named(baseSpec(), "payments", {}),
    ]);
    expect(diagnostics.map((d) => d.path)).toEqual(["spec.dependencies[0].name"]);
  });
});

describe("the application container", () => {
  it("keeps production's shape: restart policy, read-only root with writable paths, non-root user, shutdown grace, memory limit", () => {
    const spec = named(baseSpec(), "orders", {
      "spec.workload.resources": { memory: "256Mi", memoryLimit: "1Gi", cpuLimit: "500m" },
      "spec.workload.shutdown": { drainSeconds: 5, requestTimeoutSeconds: 20 },
    });
    expect(composeOf([spec]).document.services.orders).toMatchObject({
      restart: "unless-stopped",
      read_only: true,
      tmpfs: ["/tmp"],
      user: "65532:65532",
      stop_grace_period: "30s",
      mem_limit: "1g",
      cpus: "0.5",
    });
  });

  it("passes the spec's command, args and environment through, escaping $ so Compose does not interpolate it", () => {
    const spec = named(baseSpec(), "orders", {
      "spec.workload.command": ["/app/orders"],
      "spec.workload.args": ["--price=$5"],
      "spec.workload.env": { GREETING: "cost: $HOME" },
    });
    const { document, text } = composeOf([spec]);
    expect(document.services.orders).toMatchObject({
      entrypoint: ["/app/orders"],
      command: ["--price=$$5"],
      environment: { GREETING: "cost: $$HOME" },
    });
    expect(text).toContain('GREETING: "cost: $$HOME"');
  });

  it("validates against the schema only what the schema allows (the check can fail)", () => {
    const { document } = composeOf([named(baseSpec(), "orders")]);
    const broken = {
      services: {
        orders: {
          ...document.services.orders,
          healthcheck: { ...document.services.orders?.healthcheck, interval: "ten seconds" },
        },
      },
    };
    expect(formatErrors(composeSchemaErrors(broken))).toEqual([
      '/services/orders/healthcheck/interval must match format "duration"',
    ]);
  });

  it("writes the stack's environment in the header", () => {
    expect(composeOf([named(baseSpec(), "orders")], exampleStack("staging")).text).toMatch(
      /^# Local development for stack staging \(environment staging\)/,
    );
  });
});
