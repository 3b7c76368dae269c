import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEntry, storeDir, writeEntries } from "../../cli/fleet/store.js";

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), "store-")), "check-prod.store");
});
afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("the cache's store", () => {
  it("lives beside its record", () => {
    expect(storeDir("/p/.reliability-cache/check-prod.json")).toBe("/p/.reliability-cache/check-prod.store");
  });

  it("reads back what it stored, and nothing for a name it never stored", () => {
    writeEntries(dir, new Map([["service-a", { name: "a", regions: ["eu-west-1"] }]]));
    expect(readEntry(dir, "service-a")).toEqual({ name: "a", regions: ["eu-west-1"] });
    expect(readEntry(dir, "service-b")).toBeUndefined();
  });

  it("never writes an entry it holds already: a name stands for its contents", () => {
    writeEntries(dir, new Map([["service-a", { v: 1 }]]));
    writeEntries(dir, new Map([["service-a", { v: 2 }]]));
    expect(readEntry(dir, "service-a")).toEqual({ v: 1 });
  });

  it("removes a damaged entry when reading it, so the next run stores it again", () => {
    writeEntries(dir, new Map([["check-a", { v: 1 }]]));
    writeFileSync(join(dir, "check-a.json"), '{"v":');
    expect(readEntry(dir, "check-a")).toBeUndefined();
    expect(existsSync(join(dir, "check-a.json"))).toBe(false);
    writeEntries(dir, new Map([["check-a", { v: 2 }]]));
    expect(JSON.parse(readFileSync(join(dir, "check-a.json"), "utf8"))).toEqual({ v: 2 });
  });

  it.each([
    ["keeps entries no run names while they number at most the live ones and 64 more", 1, 65, 66],
    ["removes them once they outnumber that", 1, 66, 1],
    ["keeps as many stale entries as live ones and 64 more", 100, 164, 264],
    ["removes them all once there is one more", 100, 165, 100],
  ])("%s", (_, live, stale, left) => {
    writeEntries(dir, new Map(names("old-", stale).map((n) => [n, {}])));
    writeEntries(dir, new Map(names("new-", live).map((n) => [n, {}])));
    expect(readdirSync(dir)).toHaveLength(left);
    expect(names("new-", live).every((n) => readEntry(dir, n) !== undefined)).toBe(true);
  });
});
