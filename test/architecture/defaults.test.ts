/**
 * Planners read resolved values only: every default of a domain is taken in its resolution
 * (`resolve.ts`, `settings.ts`) or its schema, never in the code that plans, so the resolved
 * service is the whole truth a planner sees.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Files of a domain that may take defaults: where a section is validated, resolved or declared. */
const RESOLUTION = /\/(resolve|resolved|settings|defaults|schema|checks|index)\.ts$|\/rules(\.ts|\/)|\/actions\//;

/** A fallback to a default: `?? DEFAULTS.x`, `?? CHAOS_DEFAULTS.x`, `?? TIER_DEFAULTS[...]`, `?? tier.x`. */
const TAKES_DEFAULT = /\?\?\s*\(?\s*(([A-Z][A-Z_]*_)?DEFAULTS\b|tier\.)/;

/** Lines of `text` that fall back to a default, as `file:line: code`. */
function defaultsTaken(file: string, text: string): string[] {
  return text.split("\n").flatMap((line, i) => (TAKES_DEFAULT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe("planners", () => {
  it("take no default: every domain resolves its defaults before planning", () => {
    const files = globSync("components/domains/**/*.ts", { cwd: ROOT }).filter((f) => !RESOLUTION.test(f));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((f) => defaultsTaken(f, readFileSync(path.join(ROOT, f), "utf8")))).toEqual([]);
  });

  it.each([
    ["a constant table", "const ttl = dns.ttl ?? FAILOVER_DEFAULTS.dnsTtlSeconds;", true],
    ["a tier preset", "const replicas = w.replicas ?? tier.replicas;", true],
    ["a parenthesised default", "const t = e.timezone ?? (DEFAULTS.timezone);", true],
    ["a fallback that is not a default", "const regions = db.secondaryRegions ?? [];", false],
  ])("tells %s", (_what, line, found) => {
    expect(defaultsTaken("components/domains/x/plan.ts", line).length > 0).toBe(found);
  });
});
