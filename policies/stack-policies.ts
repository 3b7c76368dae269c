/**
 * A stack's `reliability:policies` against the rule registry: every rule it names must exist
 * (a misspelt name would silently change nothing), and every entry is located in the stack file
 * so findings about exemptions point at their line.
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { PoliciesConfig } from "../components/core/policy/severity.js";
import type { Rule } from "../components/core/policy/types.js";
import { SpecError, type Diagnostic } from "../components/core/spec/errors.js";
import { parseSource, type PathSegment } from "../components/core/spec/positions.js";
import { closest } from "../components/core/spec/suggest.js";
import { CONFIG_NAMESPACE, stackFile } from "../components/core/stack/config.js";
import type { ExemptionLocator } from "./exemptions.js";

/** Finds the position of a path under `reliability:policies` in a stack file. */
export type PoliciesLocator = (path: readonly PathSegment[]) => { readonly line: number; readonly col: number };

/** Reads a stack file's positions for `reliability:policies` paths (line 1 when the file cannot be read). */
export function policiesLocator(stacksDir: string, stack: string, cwd: string): { file: string; at: PoliciesLocator } {
  const file = stackFile(stacksDir, stack);
  let text = "";
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch {
    return { file, at: () => ({ line: 1, col: 1 }) };
  }
  const source = parseSource(file, text);
  return { file, at: (path) => source.locate(["config", `${CONFIG_NAMESPACE}:policies`, ...path]) };
}

/** Where each exemption is written, for the findings about it. */
export function exemptionLocator(file: string, at: PoliciesLocator): ExemptionLocator {
  return (index) => ({ file, ...at(["exemptions", index, "expires"]) });
}

/**
 * Diagnostics for rule names the registry does not know, in `rules` and in `exemptions[].rule`.
 * @throws SpecError naming each one, with the rules it may mean.
 */
export function checkPolicyNames(
  policies: PoliciesConfig | undefined,
  rules: readonly Rule[],
  file: string,
  at: PoliciesLocator,
): void {
  const known = rules.map((r) => r.name);
  const unknown = (name: string): boolean => !known.includes(name);
  const problem = (path: PathSegment[], name: string): Diagnostic => {
    const near = closest(name, known);
    return {
      file,
      position: at(path),
      path: [`${CONFIG_NAMESPACE}:policies`, ...path].join("."),
      message: `must name a policy of the pack${near ? ` (did you mean ${near}?)` : ""}, got ${JSON.stringify(name)}`,
    };
  };
  const diagnostics = [
    ...Object.keys(policies?.rules ?? {})
      .filter(unknown)
      .map((name) => problem(["rules", name], name)),
    ...(policies?.exemptions ?? []).flatMap((e, i) =>
      unknown(e.rule) ? [problem(["exemptions", i, "rule"], e.rule)] : [],
    ),
  ];
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
}
