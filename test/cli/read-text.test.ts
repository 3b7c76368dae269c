import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { printFile, readUtf8 } from "../../cli/read-text.js";
import type { Io } from "../../cli/io.js";

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

describe("printing a file on standard output", () => {
  /** What a process that writes blocks prints, and what one that keeps its output as text prints. */
  async function printed(path: string): Promise<{ blocks: string; text: string; writes: number }> {
    const chunks: Buffer[] = [];
    let text = "";
    const out = (t: string) => void (text += t.endsWith("\n") ? t : `${t}\n`);
    const write = async (b: Uint8Array) => {
      await Promise.resolve();
      chunks.push(Buffer.from(b));
    };
    await printFile({ out, err: () => undefined, cwd: dir, write } satisfies Io, path);
    const blocks = Buffer.concat(chunks).toString("utf8");
    await printFile({ out, err: () => undefined, cwd: dir }, path);
    return { blocks, text, writes: chunks.length };
  }

  it.each<[string, string, number]>([
    ["a plan ending with a line break", '{"stack":"prod"}\n', 1],
    ["text without a final line break, which gets one", '{"stack":"prod"}', 2],
    ["more than one block, split inside a multi-byte character", `${"é".repeat(4_194_303)}x€😀\n`, 2],
  ])("prints %s as out() prints its whole text, in %d write(s) or more", async (_, content, least) => {
    const path = join(dir, "plan.json");
    writeFileSync(path, content);
    const { blocks, text, writes } = await printed(path);
    expect(blocks).toBe(text);
    expect(text).toBe(content.endsWith("\n") ? content : `${content}\n`);
    expect(writes).toBeGreaterThanOrEqual(least);
  });
});
