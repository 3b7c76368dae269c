/**
 * The invalid-spec corpus: `test/fixtures/invalid/*.yaml`, each ending in comments that state what
 * loading it must report. `# expect: <line>:<col> [<path>: ]<message>` (one per diagnostic, in
 * position order), `# stack: <name>|none` (default prod), `# also: <file>` (loaded first).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./project.js";

/** Folder of the invalid corpus, relative to the repository root. */
export const INVALID_DIR = "test/fixtures/invalid";

/** One corpus entry with its declared expectations. */
export interface InvalidFixture {
  /** Path relative to the repository root, as diagnostics name it. */
  readonly file: string;
  /** File text. */
  readonly text: string;
  /** Expected diagnostics, formatted `file:line:col path: message`. */
  readonly expected: readonly string[];
  /** Stack to load against, or `undefined` for none. */
  readonly stack: string | undefined;
  /** Files loaded before this one. */
  readonly also: readonly string[];
}

/** Reads every fixture of the invalid corpus with its expectations. */
export function invalidFixtures(): InvalidFixture[] {
  return readdirSync(join(ROOT, INVALID_DIR))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const file = `${INVALID_DIR}/${name}`;
      const text = readFileSync(join(ROOT, file), "utf8");
      const directive = (key: string): string[] =>
        text.split("\n").flatMap((line) => {
          const match = new RegExp(`^# ${key}: (.+)$`).exec(line);
          return match?.[1] ? [match[1]] : [];
        });
      const stack = directive("stack")[0] ?? "prod";
      return {
        file,
        text,
        expected: directive("expect").map((e) => `${file}:${e}`),
        stack: stack === "none" ? undefined : stack,
        also: directive("also"),
      };
    });
}
