/**
 * SARIF 2.1.0 for code scanning: one rule descriptor per policy, one result per violation located
 * at the spec file and line that causes it, so the pull request's diff is annotated there.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */

import type { Log, ReportingDescriptor, Result } from "sarif";
import { DEFAULT_ENFORCEMENT, ENFORCEMENT_TEXT } from "../core/policy/framework.js";
import type { Violation } from "../core/policy/types.js";
import { type CheckReport } from "./types.js";

/** The `$schema` URI of SARIF 2.1.0. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Tool name in the SARIF log. */
export const TOOL_NAME = "reliability-check";

/** Renders a check report as a SARIF 2.1.0 log. */
export function renderSarif(report: CheckReport, version = "0.1.0"): Log {
  const rules: ReportingDescriptor[] = report.rules.map((r) => ({
    id: r.name,
    name: pascal(r.name),
    shortDescription: { text: r.description },
    fullDescription: {
      text: `${r.description} Enforcement: ${ENFORCEMENT_TEXT[r.enforcement ?? DEFAULT_ENFORCEMENT]}.`,
    },
    help: { text: `Fix: ${r.fix} Anchor: ${r.anchor}` },
    defaultConfiguration: { level: r.enforcement === "always" ? "error" : "warning" },
    properties: { domain: r.domain, tags: ["reliability", r.domain] },
  }));
  const index = new Map(report.rules.map((r, i) => [r.name, i]));
  const results = report.violations.map((v) => result(v, index.get(v.policy) ?? -1));
  return sarifLog(report.plan.stack, rules, results, version);
}

/** A SARIF 2.1.0 log of this tool for one stack: its rule descriptors and results. */
export function sarifLog(stack: string, rules: ReportingDescriptor[], results: Result[], version = "0.1.0"): Log {
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
            rules,
          },
        },
        automationDetails: { id: `reliability/${stack}/` },
        results,
      },
    ],
  };
}

function result(v: Violation, ruleIndex: number): Result {
  return {
    ruleId: v.policy,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: v.level === "mandatory" ? "error" : "warning",
    message: { text: v.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: v.file || "Pulumi.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: v.line ?? 1, startColumn: v.col ?? 1 },
        },
        ...(v.resource ? { logicalLocations: [{ name: v.resource, kind: "resource" }] } : {}),
      },
    ],
    partialFingerprints: { "reliabilityViolation/v1": fingerprint(v) },
    properties: { service: v.service, path: v.path, enforcement: v.level },
  };
}

/** A stable identity of a violation across runs (rule, resource, field path), independent of line numbers. */
function fingerprint(v: Violation): string {
  return [v.policy, v.service, v.resource, v.path].join("|");
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
