import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServicePlan } from "../../components/core/plan/types.js";
import { servicePlanJson, servicePlanJsonPieces } from "../../components/render/index.js";
import { TextSink, writePiecesFile } from "../../components/render/sink.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sink-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a sink writes into a fresh file from `texts`, and the byte counts it returned. */
function sunk(texts: readonly string[]): { readonly bytes: Buffer; readonly counted: number } {
  const path = join(dir, "out");
  const fd = openSync(path, "w");
  const sink = new TextSink(fd);
  const counted = sink.writeEach(texts);
  sink.flush();
  closeSync(fd);
  return { bytes: readFileSync(path), counted };
}

describe("writing text through a sink", () => {
  const block = 1 << 20;
  it.each([
    ["nothing", []],
    ["one empty piece", [""]],
    ["small pieces", ["a", "b: c\n", "---\n"]],
    ["Latin-1 and astral characters", ["10 s × 3", " — ", "😀", "ü"]],
    ["a piece larger than a whole block", ["x".repeat(block)]],
    ["pieces that fill a block exactly and spill over", ["a".repeat(block / 3 - 1), "é".repeat(10), "b"]],
    ["multi-byte characters at a block's edge", ["€".repeat(block / 3 - 2), "€€€", "z"]],
  ])("writes %s byte for byte as UTF-8 and counts every byte", (_, texts) => {
    const { bytes, counted } = sunk(texts);
    const expected = Buffer.from(texts.join(""), "utf8");
    expect(bytes.equals(expected)).toBe(true);
    expect(counted).toBe(expected.length);
  });

  it("gives each piece's own byte count, so a caller can record where each one stands", () => {
    const path = join(dir, "out");
    const fd = openSync(path, "w");
    const sink = new TextSink(fd);
    const counts = ["ab", "×", "€", "😀"].map((t) => sink.write(t));
    sink.flush();
    closeSync(fd);
    expect(counts).toEqual([2, 2, 3, 4]);
    expect(readFileSync(path, "utf8")).toBe("ab×€😀");
  });

  it("writes nothing until flushed, then everything, and a second sink starts clean", () => {
    const path = join(dir, "out");
    const fd = openSync(path, "w");
    const first = new TextSink(fd);
    first.write("first ");
    expect(readFileSync(path, "utf8")).toBe("");
    first.flush();
    const second = new TextSink(fd);
    second.write("second");
    second.flush();
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe("first second");
  });

  it("writes a whole file from its pieces, replacing what was there", () => {
    const path = join(dir, "file.yaml");
    writePiecesFile(path, ["old text that is longer"]);
    writePiecesFile(path, ["a: 1\n", "---\n", "b: ×\n"]);
    expect(readFileSync(path, "utf8")).toBe("a: 1\n---\nb: ×\n");
  });
});

describe("a service's plan.json text in pieces", () => {
  const resource = (key: string) => ({
    key,
    type: "kubernetes:core/v1:ConfigMap",
    name: key,
    provider: "kubernetes" as const,
    region: "us-east-1",
    service: "a",
    props: { data: { text: 'line\n"quoted" × €' } },
    opts: {},
    origin: "spec",
  });
  const plan = (fields: Record<string, unknown>) => fields as unknown as ServicePlan;
  it.each([
    [
      "resources in the middle",
      plan({ service: "a", resources: [resource("r1"), resource("r2")], analysis: { x: 1 } }),
    ],
    ["resources first", plan({ resources: [resource("r1")], service: "a" })],
    ["resources last", plan({ service: "a", tier: "critical", resources: [resource("r1")] })],
    ["no resources", plan({ service: "a", resources: [], analysis: {} })],
    [
      "members without a JSON value",
      plan({ skipped: undefined, service: "a", resources: [resource("r1")], gone: undefined, after: null }),
    ],
    ["only members without a JSON value before the resources", plan({ skipped: undefined, resources: [] })],
  ])("joins to exactly JSON.stringify of the service with %s", (_, service) => {
    expect(servicePlanJsonPieces(service).join("")).toBe(JSON.stringify(service));
    expect(servicePlanJson(service)).toBe(JSON.stringify(service));
  });

  it("keeps each resource in a piece of its own", () => {
    const pieces = servicePlanJsonPieces(plan({ service: "a", resources: [resource("r1"), resource("r2")] }));
    expect(pieces).toHaveLength(4);
    expect(JSON.parse(pieces[1]!)).toEqual(resource("r1"));
    expect(JSON.parse(pieces[2]!.slice(1))).toEqual(resource("r2"));
  });
});
