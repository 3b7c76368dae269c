/**
 * Runs the derived HTTP checks for real against a loopback server that answers 200 on /ready and
 * 503 on /down. Needs wget and curl on PATH (`.ci/run` installs them).
 */

import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseSpec } from "../support/project.js";
import { composeOf, named } from "./support.js";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.statusCode = req.url === "/ready" && req.headers["x-probe"] === "local" ? 200 : 503;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function check(client: "wget" | "curl", path: string): Promise<number> {
  const spec = named(baseSpec(), "orders", {
    "spec.workload.port": port,
    "spec.workload.probes.readiness": { http: { path, headers: { "X-Probe": "local" } } },
    "spec.workload.local.httpClient": client,
  });
  const test = composeOf([spec]).document.services.orders?.healthcheck.test ?? [];
  expect(test[0]).toBe("CMD");
  return new Promise((resolve, reject) => {
    execFile(test[1] ?? "false", test.slice(2), { timeout: 5_000 }, (error) => {
      if (error?.code === "ENOENT") reject(new Error(`${test[1]} is not installed; the local health check needs it`));
      else resolve(error ? Number(error.code ?? 1) || 1 : 0);
    });
  });
}

describe("the derived HTTP health check, run against a real server", () => {
  for (const client of ["wget", "curl"] as const) {
    it(`passes with ${client} when the readiness endpoint answers 200 and fails on 503`, async () => {
      expect(await check(client, "/ready")).toBe(0);
      expect(await check(client, "/down")).not.toBe(0);
    });
  }
});
