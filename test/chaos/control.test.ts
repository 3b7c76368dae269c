/**
 * `reliability chaos freeze|pause|resume` against a fake Kubernetes API server on loopback: the
 * requests each command sends to each cluster of the example stacks (through a temporary
 * kubeconfig), a dry run that sends nothing, and a cluster that cannot be reached.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Io } from "../../cli/io.js";
import { main } from "../../cli/main.js";
import { freePort, serve } from "../support/loopback.js";
import { ROOT } from "../support/project.js";

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

let server: Server;
let dir: string;
let requests: Recorded[] = [];
const saved = { KUBECONFIG: process.env["KUBECONFIG"], USER: process.env["USER"] };

/** A kubeconfig whose contexts reach the fake server under `/<context>`; `down` contexts reach a closed port. */
function kubeconfig(url: string, closed: string, contexts: readonly string[], down: readonly string[]): string {
  const entries = contexts.map((c) => ({ c, server: down.includes(c) ? closed : `${url}/${c}` }));
  return [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${contexts[0] ?? ""}`,
    "clusters:",
    ...entries.map(
      ({ c, server: s }) => `  - name: ${c}\n    cluster: { server: "${s}", insecure-skip-tls-verify: true }`,
    ),
    "users:",
    "  - name: tester\n    user: { token: fake }",
    "contexts:",
    ...entries.map(({ c }) => `  - name: ${c}\n    context: { cluster: ${c}, user: tester }`),
  ].join("\n");
}

async function useClusters(down: readonly string[] = []): Promise<void> {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const contexts = ["dev-use1", "staging-use1", "staging-euw1", "prod-use1", "prod-euw1"];
  const file = join(dir, `kubeconfig-${down.join("-") || "all"}`);
  writeFileSync(file, kubeconfig(url, `http://127.0.0.1:${await freePort()}`, contexts, down));
  process.env["KUBECONFIG"] = file;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: ROOT };
  const code = await main(["node", "reliability", "chaos", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const configMap = (context: string, ns: string) =>
  `PATCH /${context}/api/v1/namespaces/${ns}/configmaps/reliability-chaos-control`;
const schedule = (context: string, ns: string, name: string) =>
  `PATCH /${context}/apis/chaos-mesh.org/v1alpha1/namespaces/${ns}/schedules/${name}`;
/** The requests that change both example services with chaos in one cluster, Schedules included or not. */
const both = (context: string, schedules: boolean) => [
  configMap(context, "checkout"),
  ...(schedules
    ? [schedule(context, "checkout", "checkout-kill-one-pod"), schedule(context, "checkout", "checkout-slow-database")]
    : []),
  configMap(context, "inventory"),
  ...(schedules
    ? [schedule(context, "inventory", "inventory-fail-a-pod"), schedule(context, "inventory", "inventory-cpu-pressure")]
    : []),
];

const UNTIL = "2099-01-01T10:00:00+01:00";

describe("reliability chaos freeze, pause and resume", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "reliability-chaos-control-"));
    ({ server } = await serve((req, body, res) => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        contentType: req.headers["content-type"] ?? "",
        body: JSON.parse(body || "{}") as Record<string, unknown>,
      });
      const live = req.method === "GET" && /\/namespaces\/inventory\/configmaps\//.test(req.url ?? "");
      const data = { "inventory.state": "paused", "inventory.reason": "incident 42", "inventory.by": "bob" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(live ? { data } : {}));
    }));
    process.env["USER"] = "alice";
  });

  beforeEach(() => {
    requests = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  it.each([
    [
      "freezes checkout in prod",
      ["freeze", "--stack", "prod", "--services", "checkout", "--until", UNTIL],
      [configMap("prod-use1", "checkout"), configMap("prod-euw1", "checkout")],
    ],
    ["freezes every service in dev", ["freeze", "--stack", "dev", "--until", UNTIL], both("dev-use1", false)],
    [
      "pauses every service in staging",
      ["pause", "--stack", "staging"],
      [...both("staging-use1", true), ...both("staging-euw1", true)],
    ],
    [
      "resumes every service in prod",
      ["resume", "--stack", "prod"],
      [...both("prod-use1", true), ...both("prod-euw1", true)],
    ],
  ] as const)("%s with exactly the expected merge patches", async (_name, args, expected) => {
    await useClusters();
    const { code, out, err } = await run(...args, "--reason", "incident 42");
    expect(code, err).toBe(0);
    expect(requests.map((r) => `${r.method} ${r.path.split("?")[0] ?? ""}`)).toEqual(expected);
    expect(new Set(requests.map((r) => r.contentType))).toEqual(new Set(["application/merge-patch+json"]));
    expect(out).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z user="alice" action=(freeze|pause|resume) stack=\w+ services=[\w,]+ (until=\S+ )?reason="incident 42"$/m,
    );
  });

  it.each([
    ["freeze", { state: "frozen", until: "2099-01-01T09:00:00Z" }, undefined],
    ["pause", { state: "paused", until: null }, "true"],
    ["resume", { state: "active", until: null }, null],
  ] as const)("%s writes the control state and the Schedules' pause annotation", async (action, data, pause) => {
    await useClusters();
    const extra = action === "freeze" ? ["--until", UNTIL] : [];
    expect((await run(action, "--stack", "prod", "--services", "checkout", ...extra, "--reason", "r")).code).toBe(0);
    const [control, ...schedules] = requests.filter((r) => r.path.startsWith("/prod-use1/"));
    expect(control?.body).toEqual({
      data: {
        "checkout.state": data.state,
        "checkout.until": data.until,
        "checkout.reason": "r",
        "checkout.by": "alice",
        "checkout.at": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
    });
    expect(schedules.map((s) => s.body)).toEqual(
      pause === undefined
        ? []
        : [1, 2].map(() => ({ metadata: { annotations: { "experiment.chaos-mesh.org/pause": pause } } })),
    );
  });

  it("prints the patches of a dry run as JSON and sends nothing", async () => {
    await useClusters();
    const { code, out } = await run("pause", "--stack", "prod", "--reason", "drill", "--dry-run", "--format", "json");
    expect(code).toBe(0);
    expect(requests).toEqual([]);
    const parsed = JSON.parse(out) as { audit: string; clusters: { region: string; patches: unknown[] }[] };
    expect(parsed.audit).toContain('action=pause stack=prod services=checkout,inventory reason="drill"');
    expect(parsed.clusters.map((c) => [c.region, c.patches.length])).toEqual([
      ["us-east-1", 6],
      ["eu-west-1", 6],
    ]);
  });

  it("reports an unreachable cluster by name with exit 1 and still changes the others", async () => {
    await useClusters(["prod-use1"]);
    const { code, out, err } = await run("pause", "--stack", "prod", "--services", "checkout", "--reason", "r");
    expect(code).toBe(1);
    expect(err).toMatch(
      /error us-east-1 \(context prod-use1\): .+ at ConfigMap checkout\/reliability-chaos-control; applied before it: nothing/,
    );
    expect(out).toContain("us-east-1 (context prod-use1): FAILED after 0 of 3 patches");
    expect(out).toContain("eu-west-1 (context prod-euw1): 3 patched");
    expect(requests.map((r) => r.path.split("/")[1])).toEqual(["prod-euw1", "prod-euw1", "prod-euw1"]);
  });

  it.each([
    ["a freeze without an end", ["freeze", "--stack", "prod", "--reason", "r"], "--until"],
    [
      "a freeze that ended already",
      ["freeze", "--stack", "prod", "--until", "2020-01-01T00:00:00Z", "--reason", "r"],
      "must be in the future",
    ],
    [
      "an end without a zone",
      ["freeze", "--stack", "prod", "--until", "2099-01-01T00:00", "--reason", "r"],
      "with a zone",
    ],
    [
      "a service without chaos",
      ["pause", "--stack", "prod", "--services", "report-worker", "--reason", "r"],
      "checkout, inventory",
    ],
  ] as const)("refuses %s with exit 2 and sends nothing", async (_name, args, says) => {
    await useClusters();
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toContain(says);
    expect(requests).toEqual([]);
  });

  it("marks the runs of a service paused in the clusters as paused in the live calendar", async () => {
    await useClusters();
    const args = ["--stack", "prod", "--from", "2026-11-28T00:00:00Z", "--days", "7", "--format", "json"];
    const { code, out, err } = await run("calendar", ...args, "--live");
    expect(code, err).toBe(0);
    const calendar = JSON.parse(out) as {
      runs: { service: string }[];
      controlled: { service: string; control: string }[];
    };
    expect(calendar.runs.filter((r) => r.service === "inventory")).toEqual([]);
    expect(calendar.controlled.length).toBeGreaterThan(0);
    expect(new Set(calendar.controlled.map((r) => `${r.service} ${r.control}`))).toEqual(new Set(["inventory paused"]));
    expect(requests.every((r) => r.method === "GET")).toBe(true);
  });
});
