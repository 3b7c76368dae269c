import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackgroundFiles, BLOCK_BYTES } from "../../components/render/background.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "background-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BLOCK = BLOCK_BYTES;

describe("files written in the background", () => {
  it.each([
    ["nothing", []],
    ["one empty piece", [""]],
    ["small pieces", ["a", "b: c\n", "---\n"]],
    ["Latin-1 and astral characters", ["10 s × 3", " — ", "😀", "ü"]],
    ["a piece larger than a whole block between small ones", ["head\n", "x".repeat(BLOCK), "tail\n"]],
    ["pieces that fill a block and spill over", ["a".repeat(BLOCK / 3 - 1), "é".repeat(10), "b"]],
    ["multi-byte characters at a block's edge", ["€".repeat(BLOCK / 3 - 2), "€€€", "z"]],
  ])("writes %s byte for byte as UTF-8 once settled", async (_, pieces) => {
    const writer = new BackgroundFiles(4);
    const path = join(dir, "out.yaml");
    writer.write(path, pieces);
    await writer.settle();
    expect(readFileSync(path).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });

  it("writes many files with few in flight, creating their folders and replacing what was there", async () => {
    const writer = new BackgroundFiles(2);
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a", "0.yaml"), "an older and longer text than the new one");
    const expected = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const path = join(dir, ["a", "b/c", "d"][i % 3]!, `${i}.yaml`);
      const pieces = [`name: s${i}\n`, "---\n", "é".repeat(i * 1000)];
      writer.write(path, pieces);
      expected.set(path, pieces.join(""));
      await writer.room();
    }
    await writer.settle();
    for (const [path, text] of expected) expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("reports a file that could not be written when settling, and refuses to write more", async () => {
    const writer = new BackgroundFiles(4);
    mkdirSync(join(dir, "taken.yaml"));
    writer.write(join(dir, "taken.yaml"), ["a: 1\n"]);
    await expect(writer.settle()).rejects.toThrow(/EISDIR/);
    expect(() => writer.write(join(dir, "next.yaml"), ["b: 2\n"])).toThrow(/EISDIR/);
    await expect(writer.room()).rejects.toThrow(/EISDIR/);
  });
});
