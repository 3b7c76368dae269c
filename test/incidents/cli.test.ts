import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/harness.js";
import { freePort, waitFor } from "../support/loopback.js";
import { ROOT } from "../support/project.js";
import { tempDir } from "../support/temp.js";

const BASE = ["incidents", "serve", "--database", "state.sqlite", "--status-page-url", "http://127.0.0.1:9"];

describe("reliability incidents serve", () => {
  it.each([
    ["a listen address without a port", ["--listen", "0.0.0.0"], /--listen must be host:port .*got "0.0.0.0"/],
    [
      "a flap window that is not a duration",
      ["--flap-window", "soon"],
      /--flap-window must be a duration .*got "soon"/,
    ],
    ["a queue limit of zero", ["--queue-limit", "0"], /--queue-limit must be a positive whole number, got "0"/],
    ["a status page URL without a scheme", ["--status-page-url", "status.acme"], /--status-page-url must be an http/],
    [
      "no token",
      ["--token-env", "INCIDENTS_TEST_UNSET"],
      /--token is empty: set the environment variable INCIDENTS_TEST_UNSET/,
    ],
  ])("exits 2 on %s, naming the option and the value", async (_what, args, message) => {
    process.env["STATUS_PAGE_API_KEY"] = "key";
    process.env["INCIDENTS_WEBHOOK_TOKEN"] = "token";
    const result = await run(tempDir("incidents-cli"), ...BASE, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("serves until SIGTERM, then stops and exits 0", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/reliability.cjs"), ...BASE, "--listen", `127.0.0.1:${port}`],
      {
        cwd: tempDir("incidents-cli"),
        env: { ...process.env, STATUS_PAGE_API_KEY: "key", INCIDENTS_WEBHOOK_TOKEN: "token" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitFor("the bridge to be ready", 15_000, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      });
    } finally {
      child.kill("SIGTERM");
      await exited; // stopped before its folder is removed, also when it never got ready
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping the incident bridge/);
  }, 30_000);
});
