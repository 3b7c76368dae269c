import { readFileSync } from "node:fs";
import { expandServices } from "../../components/pipeline.js";
import { toPlan } from "../../components/plan/index.js";
import { SpecError, sortDiagnostics, type Diagnostic } from "../../components/core/spec/errors.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { loadSpecs, type SpecText } from "../../components/spec/load.js";
import { resolvePath } from "../command.js";
import type { Io } from "../io.js";

/**
 * Checks a new spec before it is written: on its own with every environment overlay, then for each
 * stack next to the other services (so a name or a chaos minute they already use is caught) and
 * planned. Only the new spec's problems count; when the others have problems of their own it is
 * checked alone.
 * @throws SpecError with the new spec's problems.
 */
export function checkNewSpec(io: Io, file: string, text: string, stacks: readonly StackConfig[], glob: string): void {
  const mine: SpecText = { file, text };
  const others = otherSpecs(io, glob, file);
  const found: Diagnostic[] = [];
  for (const stack of [undefined, ...stacks]) {
    let loaded = loadSpecs([...others, mine], stack);
    if (loaded.diagnostics.some((d) => d.file !== file)) loaded = loadSpecs([mine], stack);
    found.push(...loaded.diagnostics);
    if (!stack || loaded.diagnostics.length > 0) continue;
    try {
      toPlan(loaded.services, stack);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      found.push(...error.diagnostics.filter((d) => d.file === file));
    }
  }
  if (found.length > 0) throw new SpecError(sortDiagnostics(dedupe(found)));
}

function otherSpecs(io: Io, glob: string, file: string): SpecText[] {
  let files: string[];
  try {
    files = expandServices(glob, io.cwd).filter((f) => resolvePath(io, f) !== resolvePath(io, file));
  } catch (error) {
    if (error instanceof SpecError) return [];
    throw error;
  }
  return files.map((f) => ({ file: f, text: readFileSync(resolvePath(io, f), "utf8") }));
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.position.line}:${d.position.col}:${d.path}:${d.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}
