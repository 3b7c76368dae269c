import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlanFile, PlanFileError } from "../../cli/plan-file.js";
import { tempDir } from "../support/temp.js";

/** What the file holds, read field by field and service by service through its layout. */
function readBack(text: string): Record<string, unknown> {
  const path = join(tempDir("plan-file"), "plan.json");
  writeFileSync(path, text);
  const file = new PlanFile(path);
  try {
    const { fields, services } = file.layout();
    const out: Record<string, unknown> = {};
    for (const [name, range] of fields) if (name !== "services") out[name] = file.value(range);
    if (services) out["services"] = services.map((range) => file.value(range));
    return out;
  } finally {
    file.close();
  }
}

const PLAN = {
  stack: "prod",
  environment: "prod",
  providers: [{ kind: "aws", region: "us-east-1" }],
  services: [
    { service: "a", resources: [{ key: "a/x", props: { text: 'quote " and \\ backslash, brackets ] } [ {' } }] },
    { service: "b", resources: [], analysis: { nested: [[1, 2], { "]": "}" }] } },
    { service: "c\u00e9\u20ac\ud83d\ude00", resources: [{ key: "c/y", props: { n: -1.5e3, t: true, z: null } }] },
  ],
  shared: { resources: [{ key: "bridge", props: {} }] },
};

describe("a plan.json read one service at a time", () => {
  it.each([
    ["compact, as plan writes it", `${JSON.stringify(PLAN)}\n`],
    ["laid out with two spaces, as jq writes it", JSON.stringify(PLAN, null, 2)],
    ["laid out with tabs and CRLF line breaks", JSON.stringify(PLAN, null, "\t").replaceAll("\n", "\r\n")],
    ["after a byte order mark", `\ufeff${JSON.stringify(PLAN)}`],
    ["with services last", JSON.stringify({ stack: "prod", shared: PLAN.shared, services: PLAN.services })],
    ["with no services", JSON.stringify({ ...PLAN, services: [] })],
    ["with a string that ends in an escaped backslash", JSON.stringify({ ...PLAN, stack: 'ends \\\\"', services: [] })],
  ])("gives every field and service as JSON.parse gives them: %s", (_, text) => {
    expect(readBack(text)).toEqual(JSON.parse(text.replace(/^\ufeff/, "")));
  });

  it("finds no services in an object without a services array", () => {
    expect(readBack('{"stack":"prod","services":{"a":1}}')).toEqual({ stack: "prod" });
  });

  it.each([
    ["a YAML file", "stack: prod\n", "does not hold a JSON object"],
    ["an array", "[1, 2]", "does not hold a JSON object"],
    ["a file cut off inside a service", JSON.stringify(PLAN).slice(0, 120), "ends inside its JSON"],
    ["a file cut off inside a string", '{"stack":"pr', "ends inside its JSON"],
    ["an empty file", "", "ends inside its JSON"],
    ["a second object after the first", '{"stack":"a"} {"stack":"b"}', "something follows the plan's JSON object"],
  ])("refuses %s, saying where it stops making sense", (_, text, message) => {
    expect(() => readBack(text)).toThrow(PlanFileError);
    expect(() => readBack(text)).toThrow(message);
  });
});
