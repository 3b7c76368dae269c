/**
 * Writes the JSON Schema of the spec to its published path (`npm run schema`). It refuses to write a
 * schema with an undocumented field or documentation of a field that no longer exists, so the
 * published file always documents every field.
 */

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { generateSchema, SCHEMA_PATH } from "./index.js";

/** The published text of the schema: two-space JSON with a final newline. */
export function schemaText(): string {
  const { schema, undocumented, stale } = generateSchema();
  const problems = [
    ...undocumented.map((p) => `${p}: has no documentation (add it to the domain's field-docs.ts)`),
    ...stale.map((p) => `${p}: is documented but the schema has no such field`),
  ];
  if (problems.length > 0) throw new Error(`the spec schema is not fully documented:\n  ${problems.join("\n  ")}`);
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Writes the schema below `root`, replacing the file only once the new text is complete; returns its path. */
export function publishSchema(root: string): string {
  const file = resolve(root, SCHEMA_PATH);
  const text = schemaText();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return file;
}

if (require.main === module) {
  try {
    console.log(`schema written to ${publishSchema(resolve(__dirname, "../../.."))}`);
  } catch (error) {
    console.error(
      `reliability: cannot write the spec schema: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 2;
  }
}
