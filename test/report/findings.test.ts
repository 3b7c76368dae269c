import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import type { Violation } from "../../components/core/policy/types.js";
import type { PathSegment } from "../../components/core/spec/positions.js";
import { findingRows } from "../../components/report/findings.js";
import { missingSection, parsePath } from "../../policies/locate.js";
import { ROOT } from "../support/project.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A spec that writes `spec.workload.image`, `spec.workload.port` and `spec.regions[0]`, nothing else. */
const WRITTEN = new Set([
  "spec",
  "spec.workload",
  "spec.workload.image",
  "spec.workload.port",
  "spec.regions",
  "spec.regions[0]",
]);
const written = (path: readonly PathSegment[]) =>
  WRITTEN.has(
    path
      .map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`))
      .join("")
      .replace(/^\./, ""),
  );

describe("the missing section of a finding's path", () => {
  it.each([
    ["a written field has none", "spec.workload.image", undefined],
    ["a defaulted field of a written mapping has none", "spec.workload.replicas", undefined],
    ["a field of an unwritten spec section has that section", "spec.alerting.page.receiver", "spec.alerting"],
    ["an unwritten spec section itself is one", "spec.alerting", "spec.alerting"],
    [
      "a field of an unwritten nested mapping has that mapping",
      "spec.workload.shutdown.drainSeconds",
      "spec.workload.shutdown",
    ],
    ["an index past the written list is its own section", "spec.regions[1].name", "spec.regions[1]"],
  ])("%s", (_name, path, expected) => {
    expect(missingSection(parsePath(path), written)).toBe(expected);
  });
});

function violation(policy: string, resource: string, extra: Partial<Violation> = {}): Violation {
  return {
    policy,
    domain: "alerts",
    level: "mandatory",
    service: "checkout",
    resource,
    message: `${policy} must hold for ${resource}`,
    fix: `fix ${policy}`,
    path: "spec.alerting.page",
    file: "services/checkout.yaml",
    line: 12,
    col: 3,
    ...extra,
  };
}

describe("the rows of the findings table", () => {
  const regions = ["us-east-1", "eu-west-1"];

  it("folds every rule that needs the same missing section into one row listing them all", () => {
    const rows = findingRows(
      [
        violation("pages-to-paging-receiver", "checkout/us-east-1/AlertmanagerConfig", { section: "spec.alerting" }),
        violation("pages-to-paging-receiver", "checkout/eu-west-1/AlertmanagerConfig", { section: "spec.alerting" }),
        violation("alert-runbook-and-severity", "checkout/us-east-1/PrometheusRule", { section: "spec.alerting" }),
      ],
      regions,
    );
    expect(rows.map((r) => [r.section, r.count, r.regions, r.findings.map((f) => f.policy)])).toEqual([
      ["spec.alerting", 3, regions, ["pages-to-paging-receiver", "alert-runbook-and-severity"]],
    ]);
  });

  it("keeps one row per rule when the fields they point at are written or only defaulted", () => {
    const rows = findingRows(
      [
        violation("pages-to-paging-receiver", "checkout/us-east-1/AlertmanagerConfig"),
        violation("alert-runbook-and-severity", "checkout/us-east-1/PrometheusRule"),
      ],
      regions,
    );
    expect(rows.map((r) => r.findings.map((f) => f.policy))).toEqual([
      ["pages-to-paging-receiver"],
      ["alert-runbook-and-severity"],
    ]);
  });

  it("keeps the sections of two services apart", () => {
    const rows = findingRows(
      [
        violation("pages-to-paging-receiver", "a/us-east-1/X", {
          section: "spec.alerting",
          service: "a",
          file: "a.yaml",
        }),
        violation("pages-to-paging-receiver", "b/us-east-1/X", {
          section: "spec.alerting",
          service: "b",
          file: "b.yaml",
        }),
      ],
      regions,
    );
    expect(rows.map((r) => r.violation.service)).toEqual(["a", "b"]);
  });
});

describe("reliability check --format markdown", () => {
  it("reports a spec with no alerting section, which two rules need, in one row at the line the section belongs under", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reliability-section-"));
    dirs.push(dir);
    cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
    const stackFile = join(dir, "stacks", "Pulumi.prod.yaml");
    const stack = readFileSync(stackFile, "utf8").replace(
      /defaultReceivers: \{[^}]*\}/,
      "defaultReceivers: { page: chat-platform, ticket: chat-platform }",
    );
    writeFileSync(stackFile, stack);
    mkdirSync(join(dir, "services"));
    const spec = readFileSync(join(ROOT, "services", "checkout.yaml"), "utf8").replace(
      /^ {2}alerting:\n( {4}.*\n)+/m,
      "",
    );
    expect(spec).not.toContain("alerting:");
    writeFileSync(join(dir, "services", "checkout.yaml"), spec);
    let out = "";
    const io: Io = { out: (t) => (out += t), err: () => undefined, cwd: dir };
    const code = await main(["node", "reliability", "check", "--stack", "prod", "--format", "markdown"], io);
    expect(code).toBe(1);
    const rows = out.split("\n").filter((l) => l.startsWith("| 🛑") || l.startsWith("| ⚠️"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("`alert-runbook-and-severity`, `pages-to-paging-receiver`");
    expect(rows[0]).toContain("`spec.alerting` is not written, and 2 policies need it");
    const specLine = spec.split("\n").findIndex((l) => l.startsWith("spec:")) + 2;
    expect(rows[0]).toMatch(new RegExp(`\\| \`services/checkout\\.yaml:${specLine}:3\` \\|$`));
  });
});
