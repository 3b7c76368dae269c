import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** A file to write: path relative to the output folder, and its text. */
export interface OutputFile {
  /** Relative path. */
  readonly path: string;
  /** Contents. */
  readonly text: string;
}

/**
 * Writes a whole output folder atomically: everything goes to a temporary sibling folder, which
 * then replaces `outDir` in one rename. An error part-way never leaves a half-written folder.
 */
export function writeOutputDir(outDir: string, files: readonly OutputFile[]): void {
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    const old = `${staging}.old`;
    let moved = false;
    try {
      renameSync(target, old);
      moved = true;
    } catch {
      // no previous output
    }
    renameSync(staging, target);
    if (moved) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Writes one file atomically (temporary file in the same folder, then rename). */
export function writeFileAtomic(path: string, text: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  try {
    const tmp = join(staging, basename(target));
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
