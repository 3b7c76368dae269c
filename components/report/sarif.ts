/**
 * SARIF 2.1.0 for code scanning: one rule descriptor per policy, one result per violation located
 * at the spec file and line that causes it, so the pull request's diff is annotated there.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */

import type { Log, ReportingDescriptor, Result } from "sarif";
import { DEFAULT_ENFORCEMENT, ENFORCEMENT_TEXT } from "../core/policy/framework.js";
import type { Violation } from "../core/policy/types.js";
import type { PlanDiff, Risk } from "./diff/types.js";
import { type CheckReport } from "./types.js";

/** The `$schema` URI of SARIF 2.1.0. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Tool name in the SARIF log. */
export const TOOL_NAME = "reliability-check";

/**
 * Renders a check report as a SARIF 2.1.0 log; with the change against a base (`--base`), each of
 * its risks (a protected resource replaced or removed, a budget that newly fails) is a result too,
 * at the service's spec file, under a rule named after the kind of risk.
 */
export function renderSarif(report: CheckReport, diff?: PlanDiff, version = "0.1.0"): Log {
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
  const risks = diff?.risks ?? [];
  const kinds = [...new Set(risks.map((r) => r.kind))];
  for (const kind of kinds) {
    index.set(kind, rules.length);
    rules.push({
      id: kind,
      name: pascal(kind),
      shortDescription: { text: RISK_TEXT[kind] },
      defaultConfiguration: { level: "error" },
      properties: { tags: ["reliability", "plan-diff"] },
    });
  }
  const files = new Map(report.plan.services.map((s) => [s.service, s.file]));
  results.push(...risks.map((r) => riskResult(r, index.get(r.kind) ?? -1, files.get(r.service))));
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

/** What each kind of risk in a plan diff means, as its SARIF rule says. */
const RISK_TEXT: Readonly<Record<Risk["kind"], string>> = {
  "protected-replacement":
    "The change replaces a protected resource (a database or its secret): its data would be lost.",
  "protected-removal": "The change removes a protected resource (a database or its secret).",
  "budget-fails": "The change makes a service's RTO or RPO budget fail where it passed before.",
};

function riskResult(risk: Risk, ruleIndex: number, file: string | undefined): Result {
  return {
    ruleId: risk.kind,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: "error",
    message: { text: risk.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: file ?? "Pulumi.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 1, startColumn: 1 },
        },
        ...(risk.key ? { logicalLocations: [{ name: risk.key, kind: "resource" }] } : {}),
      },
    ],
    partialFingerprints: { "reliabilityViolation/v1": [risk.kind, risk.service, risk.key ?? ""].join("|") },
    properties: { service: risk.service },
  };
}

/** A stable identity of a violation across runs (rule, resource, field path), independent of line numbers. */
function fingerprint(v: Violation): string {
  return [v.policy, v.service, v.resource, v.path].join("|");
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
