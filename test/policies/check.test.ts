/**
 * `reliability check` end to end: exit codes, the spec line of a mistake, golden Markdown and
 * SARIF reports, and SARIF validity against the SARIF 2.1.0 JSON schema.
 */

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import { ROOT } from "../support/project.js";

const GOLDEN = join(__dirname, "golden");
const dirs: string[] = [];

/** A copy of the example project (services and stacks) in a temp dir, optionally with checkout.yaml edited. */
function project(edit?: (checkout: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "reliability-check-"));
  dirs.push(dir);
  cpSync(join(ROOT, "services"), join(dir, "services"), { recursive: true });
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  if (edit) {
    const file = join(dir, "services/checkout.yaml");
    const before = readFileSync(file, "utf8");
    const after = edit(before);
    if (after === before) throw new Error("the edit changed nothing");
    writeFileSync(file, after);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function check(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t.endsWith("\n") ? t : `${t}\n`), err: (t) => (err += `${t}\n`), cwd };
  const code = await main(["node", "reliability", "check", "--stack", "prod", ...args], io);
  return { code, out, err };
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** The vendored SARIF 2.1.0 (rtm.5) schema is draft-04: its `id` is read as `$id`, and its patterns are ECMAScript but not Unicode-mode regexes. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, "schema/sarif-2.1.0-rtm.5.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

const MISTAKES = [
  {
    name: "an image tagged latest",
    edit: (t: string) => t.replace("checkout:1.8.2", "checkout:latest"),
    rule: "image-pinned",
    resource: "checkout/us-east-1/Deployment",
    line: 14,
  },
  {
    name: "fewer replicas than the critical floor",
    edit: (t: string) => t.replace(/replicas: 3\n/, "replicas: 2\n"),
    rule: "replicas-at-tier-floor",
    resource: "checkout/us-east-1/Deployment",
    line: 16,
  },
  {
    name: "an RTO shorter than the worst-case failover",
    edit: (t: string) => t.replace("rto: 5m", "rto: 2m"),
    rule: "failover-within-rto",
    resource: "",
    line: 46,
  },
  {
    name: "a liveness probe on the database's port",
    edit: (t: string) => t.replace("liveness:  { http: { path: /healthz } }", "liveness:  { tcp: { port: 5432 } }"),
    rule: "liveness-not-on-dependency",
    resource: "checkout/us-east-1/Deployment",
    line: 22,
  },
] as const;

describe("reliability check", () => {
  it("is clean for the example services in prod, dev and staging (exit 0)", async () => {
    const cwd = project();
    for (const stack of ["prod", "dev", "staging"]) {
      let out = "";
      const code = await main(["node", "reliability", "check", "--stack", stack], {
        out: (t) => (out += t),
        err: () => undefined,
        cwd,
      });
      expect(code, out).toBe(0);
      expect(out).toMatch(/0 mandatory, 0 advisory/);
    }
  });

  it.each(MISTAKES.map((m) => [m.name, m] as const))(
    "a spec with %s exits 1 naming the rule, the resource and the spec line",
    async (_name, m) => {
      const { code, out } = await check(project(m.edit), "--format", "json");
      expect(code).toBe(1);
      const report = JSON.parse(out) as {
        verdict: string;
        violations: { policy: string; resource: string; file: string; line: number; level: string }[];
      };
      expect(report.verdict).toBe("fail");
      const hit = report.violations.find((v) => v.policy === m.rule && v.level === "mandatory");
      expect(hit, JSON.stringify(report.violations)).toBeDefined();
      expect(hit?.file).toBe("services/checkout.yaml");
      if (m.resource) expect(hit?.resource).toBe(m.resource);
      if (m.line) expect(hit?.line).toBe(m.line);
    },
  );

  it("prints file:line, level, rule and resource in the text format", async () => {
    const { code, out } = await check(project(MISTAKES[0].edit));
    expect(code).toBe(1);
    expect(out).toContain("services/checkout.yaml:14:12 ");
    expect(out).toMatch(
      /mandatory.*image-pinned.*checkout\/us-east-1\/Deployment: Container checkout of Deployment checkout\/us-east-1\/Deployment must pin its image/,
    );
  });

  it("writes the Markdown report for a clean prod with the passing services collapsed and no diagram (golden)", async () => {
    const { code, out } = await check(project(), "--format", "markdown");
    expect(code).toBe(0);
    expect(out).not.toContain("```mermaid");
    expect(out).toContain("<summary>3 services with no finding</summary>");
    golden("prod.md", out);
  });

  it("writes the Markdown comment and SARIF of a failing spec (golden), and the SARIF is valid SARIF 2.1.0", async () => {
    const cwd = project(MISTAKES[0].edit);
    const markdown = await check(cwd, "--format", "markdown");
    golden("prod-latest-image.md", markdown.out);
    const sarif = await check(cwd, "--format", "sarif");
    expect(sarif.code).toBe(1);
    golden("prod-latest-image.sarif", sarif.out);
    const validate = sarifValidator();
    const log = JSON.parse(sarif.out) as {
      runs: {
        results: {
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const location = log.runs[0]?.results[0]?.locations[0]?.physicalLocation;
    expect([location?.artifactLocation.uri, location?.region.startLine]).toEqual(["services/checkout.yaml", 14]);
  });

  it("rejects SARIF that breaks the schema (the validator is not vacuous)", () => {
    const validate = sarifValidator();
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it("gives the other field of a contradiction as a SARIF related location", async () => {
    const result = await check(
      project((t) => t.replace("rto: 5m", "rto: 1m")),
      "--format",
      "sarif",
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /see also spec\.workload\.probes\.startup\.maxStartupSeconds at services\/checkout\.yaml:21:/,
    );
    const log = JSON.parse(result.out) as {
      runs: {
        results: {
          locations: { physicalLocation: { region: { startLine: number } } }[];
          relatedLocations?: { message: { text: string }; physicalLocation: { region: { startLine: number } } }[];
        }[];
      }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [found] = log.runs[0]?.results ?? [];
    expect(found?.locations[0]?.physicalLocation.region.startLine).toBe(46);
    expect(found?.relatedLocations?.map((r) => [r.message.text, r.physicalLocation.region.startLine])).toEqual([
      ["spec.workload.probes.startup.maxStartupSeconds", 21],
    ]);
  });

  it("reports an invalid spec as valid SARIF, the pull-request comment and JSON at the spec's line, and still exits 2", async () => {
    const cwd = project((t) => t.replace(/replicas: 3\n/, 'replicas: "three"\n'));
    const sarif = await check(cwd, "--format", "sarif");
    const markdown = await check(cwd, "--format", "markdown", "--comment");
    const json = await check(cwd, "--format", "json");
    expect([sarif.code, markdown.code, json.code]).toEqual([2, 2, 2]);
    const log = JSON.parse(sarif.out) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(["spec-invalid"]);
    expect(log.runs[0]?.results[0]?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "services/checkout.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 16, startColumn: 15 },
        },
      },
    ]);
    expect(markdown.out).toMatch(/^<!-- reliability-check stack=prod -->\n## ❌ .*\n\n\*\*Invalid input\*\*/);
    expect(markdown.out).toContain("services/checkout.yaml:16:15 spec.workload.replicas: must be an integer");
    expect(JSON.parse(json.out)).toMatchObject({
      verdict: "invalid",
      errors: [{ file: "services/checkout.yaml", line: 16 }],
    });
    expect(sarif.err).toContain("services/checkout.yaml:16:15");
  });

  it("exits 2 on an invalid spec and on an unknown format", async () => {
    expect((await check(project((t) => t.replace("tier: critical", "tier: platinum")))).code).toBe(2);
    expect((await check(project(), "--format", "html")).code).toBe(2);
  });
});
