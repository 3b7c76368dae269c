import { readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startOfHour } from "../../cli/commands/check.js";
import { checkFleet } from "../../cli/fleet/check.js";
import { cli, prodFleet, tempProject } from "./harness.js";

let project: { dir: string; remove: () => void };
beforeEach(() => {
  project = tempProject();
  edit(CHECKOUT, (t) => t.replace("image: ghcr.io/acme/checkout:1.8.2", "image: ghcr.io/acme/checkout:latest"));
});
afterEach(() => project.remove());

const CHECKOUT = "services/checkout.yaml";
const ALL = ["checkout", "inventory", "report-worker"];
const CACHE = ".cache/check-prod.json";
const NOON = new Date("2026-11-30T12:00:00Z");

/** Checks the prod stack of the project at `now`, with the check cache of build `tool` (none: no cache). */
function check(now: Date, tool: string | undefined = "build-1") {
  return checkFleet(prodFleet(project.dir, CACHE, tool), now, new AbortController().signal);
}

const STORE = ".cache/check-prod.store";

/** The store's file of a service's entry of `kind` in the current record. */
function stored(kind: "check" | "service", file: string): string {
  const record = JSON.parse(readFileSync(join(project.dir, CACHE), "utf8")) as {
    from: string;
    services: { file: string; key: string; share: string }[];
  };
  const entry = record.services.find((e) => e.file === file)!;
  const name =
    kind === "check" ? `check-${entry.key}-${entry.share}-${Date.parse(record.from)}` : `service-${entry.key}`;
  return join(project.dir, STORE, `${name}.json`);
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(project.dir, path);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

describe("the check cache", () => {
  it.each<[string, () => void, Date, readonly string[]]>([
    ["nothing changed", () => undefined, NOON, []],
    [
      "one spec changed",
      () => edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug")),
      NOON,
      ["checkout"],
    ],
    [
      "the service calling checkout was removed, so checkout's ingress rules change",
      () => unlinkSync(join(project.dir, "services/report-worker.yaml")),
      NOON,
      ["checkout"],
    ],
    [
      "an hour went by (the chaos calendar is read from another time)",
      () => undefined,
      new Date("2026-11-30T13:00:00Z"),
      ALL,
    ],
    [
      "the stack config changed",
      () => edit("stacks/Pulumi.prod.yaml", (t) => t.replace("retention: 35d", "retention: 40d")),
      NOON,
      ALL,
    ],
    ["the record is damaged", () => writeFileSync(join(project.dir, CACHE), "[]"), NOON, []],
    [
      "the record and the result are damaged",
      () => {
        writeFileSync(join(project.dir, CACHE), "[]");
        writeFileSync(join(project.dir, ".cache/check-prod.result.json"), "{}\n{}");
      },
      NOON,
      ALL,
    ],
    [
      "a stored check is damaged and a spec changed",
      () => {
        writeFileSync(stored("check", "services/inventory.yaml"), "{half");
        edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
      },
      NOON,
      ["checkout", "inventory"],
    ],
    [
      "a stored resolved service is lost and a spec changed",
      () => {
        rmSync(stored("service", "services/report-worker.yaml"));
        edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
      },
      NOON,
      ["checkout", "report-worker"],
    ],
    [
      "the whole store is lost and a spec changed",
      () => {
        rmSync(join(project.dir, STORE), { recursive: true });
        edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
      },
      NOON,
      ALL,
    ],
    [
      "the result is damaged, so each service's check is read from the store",
      () => writeFileSync(join(project.dir, ".cache/check-prod.result.json"), "not json"),
      NOON,
      [],
    ],
  ])(
    "finds what a check without the cache finds when %s, checking only what it must",
    async (_, change, now, checked) => {
      const first = await check(NOON);
      expect(first.checked).toEqual(ALL);
      expect(first.violations.map((v) => v.policy)).toContain("image-pinned");
      change();
      const cached = await check(now);
      const fresh = await check(now, undefined);
      expect(cached.checked).toEqual(checked);
      expect(cached.violations).toEqual(fresh.violations);
      expect(cached.plan).toEqual(fresh.plan);
    },
  );

  it("stores only the changed service's entries, and mends a damaged one on the next run", async () => {
    await check(NOON);
    const before = readdirSync(join(project.dir, STORE)).sort();
    expect(before).toHaveLength(2 * ALL.length);
    writeFileSync(stored("check", "services/inventory.yaml"), "{half");
    edit(CHECKOUT, (t) => t.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
    await check(NOON);
    const after = readdirSync(join(project.dir, STORE)).sort();
    expect(after.filter((f) => !before.includes(f))).toHaveLength(2);
    expect(() => JSON.parse(readFileSync(stored("check", "services/inventory.yaml"), "utf8")) as unknown).not.toThrow();
  });

  it("starts every check at the start of its hour, UTC", () => {
    expect(startOfHour(new Date("2026-11-30T12:59:59.999Z")).toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(startOfHour(new Date("2026-11-30T13:00:00.000Z")).toISOString()).toBe("2026-11-30T13:00:00.000Z");
  });
});

describe("reliability check's cache option", () => {
  it("prints the same on a second run and with --no-cache", async () => {
    const first = await cli(project.dir, "check", "--stack", "prod", "--format", "json");
    const second = await cli(project.dir, "check", "--stack", "prod", "--format", "json");
    const uncached = await cli(project.dir, "check", "--stack", "prod", "--format", "json", "--no-cache");
    expect([first.code, second.code, uncached.code]).toEqual([1, 1, 1]);
    expect(second.stdout).toBe(first.stdout);
    expect(uncached.stdout).toBe(first.stdout);
    expect(readFileSync(join(project.dir, ".reliability-cache/check-prod.result.json"), "utf8")).toContain(
      "image-pinned",
    );
  }, 60_000);
});
