import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readUtf8 } from "../../cli/read-text.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "read-text-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a large text file", () => {
  it.each<[string, Buffer]>([
    ["an empty file", Buffer.alloc(0)],
    ["ASCII", Buffer.from('{"a":1}\n')],
    ["Latin-1, other planes and astral characters", Buffer.from("10 s × 3 — ü €😀", "utf8")],
    ["a byte order mark, kept as a character", Buffer.from("\uFEFF{}", "utf8")],
    ["invalid UTF-8, each bad sequence replaced", Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82])],
    ["several megabytes", Buffer.from("plan × ".repeat(1 << 19), "utf8")],
  ])("reads %s exactly as readFileSync(path, 'utf8') does", (_, bytes) => {
    const path = join(dir, "file");
    writeFileSync(path, bytes);
    expect(readUtf8(path)).toBe(readFileSync(path, "utf8"));
  });

  it("fails like readFileSync on a missing file", () => {
    expect(() => readUtf8(join(dir, "missing.json"))).toThrow(/ENOENT/);
  });
});
