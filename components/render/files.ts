/**
 * Writing output atomically: a whole folder or one file is written beside its target and renamed
 * into place, so a failure or an interruption never leaves a half-written output.
 */

import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { writePiecesFile } from "./sink.js";

/** A file to write: path relative to the output folder, and its text. */
export interface OutputFile {
  /** Relative path. */
  readonly path: string;
  /** Contents. */
  readonly text: string;
}

/** A file to write as the pieces its text is made of, written in order without joining them. */
export interface OutputPieces {
  /** Relative path. */
  readonly path: string;
  /** Contents, in order. */
  readonly pieces: readonly string[];
}

/** The output cannot be written where asked: the message names the path and the fix. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** Options of {@link writeOutputDir}. */
export interface WriteOptions {
  /** Once aborted (an interrupt), writing stops, the staging folder is removed and the previous output kept. */
  readonly signal?: AbortSignal;
  /** Called after each file is written: how many of how many. */
  readonly onWritten?: (done: number, total: number) => void;
}

/**
 * Writes a whole output folder atomically: everything goes to a temporary sibling folder, which
 * then replaces `outDir` in one rename. An error or an abort part-way never leaves a half-written
 * folder nor a staging folder, and keeps the previous output.
 * @throws OutputError when `outDir` is an existing file or a folder cannot be written.
 */
export async function writeOutputDir(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}) {
  const staging = openStaging(outDir);
  try {
    const folders = new Set<string>();
    for (const [i, file] of files.entries()) {
      options.signal?.throwIfAborted();
      const path = join(staging.path, file.path);
      if (!folders.has(dirname(path))) await mkdir(dirname(path), { recursive: true });
      folders.add(dirname(path));
      await writeFile(path, file.text);
      options.onWritten?.(i + 1, files.length);
    }
    options.signal?.throwIfAborted();
    commitStaging(outDir, staging);
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
}

/** A staging folder, and the first of its parent folders that opening it created (removed with it). */
export interface Staging {
  /** The staging folder. */
  readonly path: string;
  /** The outermost folder created for it, if any. */
  readonly created?: string;
}

/**
 * Creates the staging folder that will replace `outDir`: a temporary sibling, so the final rename
 * stays on one file system. Whoever opens it calls {@link commitStaging} or {@link discardStaging}.
 * @throws OutputError when `outDir` is an existing file or its parent cannot be written.
 */
export function openStaging(outDir: string): Staging {
  const target = resolve(outDir);
  refuseNonFolder(target);
  return guard(target, () => {
    const created = mkdirSync(dirname(target), { recursive: true });
    const path = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
    return created === undefined ? { path } : { path, created };
  });
}

/**
 * Removes a staging folder that will not be used, and the parent folders opening it created. A
 * stopped worker thread's last background write can still land while the folder is removed, so a
 * folder found not empty is tried again.
 */
export function discardStaging(staging: Staging): void {
  rmSync(staging.created ?? staging.path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

/** Writes files under a staging folder, synchronously (what the stack shares; a fleet's services are written in the background: `background.ts`). */
export function writeStagedFiles(
  staging: string,
  files: readonly (OutputFile | OutputPieces)[],
  onWritten?: (done: number, total: number) => void,
): void {
  const folders = new Set<string>();
  for (const [i, file] of files.entries()) {
    const path = join(staging, file.path);
    const folder = dirname(path);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writePiecesFile(path, "text" in file ? [file.text] : file.pieces);
    onWritten?.(i + 1, files.length);
  }
}

/** Puts a complete staging folder in place of `outDir` in one rename; the previous output is removed. */
export function commitStaging(outDir: string, staging: Staging): void {
  replace(resolve(outDir), staging.path);
}

/** Swaps the staging folder in, with no await in between so no interrupt lands half-way. */
function replace(target: string, staging: string): void {
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
}

/** Writes one file atomically (temporary file in the same folder, then rename). */
export function writeFileAtomic(path: string, text: string): void {
  const target = resolve(path);
  const staging = guard(target, () => {
    mkdirSync(dirname(target), { recursive: true });
    return mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  });
  try {
    const tmp = join(staging, basename(target));
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function refuseNonFolder(target: string): void {
  let isFolder: boolean;
  try {
    isFolder = lstatSync(target).isDirectory();
  } catch {
    return;
  }
  if (!isFolder)
    throw new OutputError(`${target} exists and is not a folder; choose another --out or remove the file first`);
}

/** Runs a step that creates folders, turning permission and path errors into an {@link OutputError}. */
function guard<T>(target: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    const where = path ?? dirname(target);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS")
      throw new OutputError(
        `cannot write ${where}: permission denied; make the folder writable or choose another --out`,
      );
    if (code === "ENOTDIR" || code === "EEXIST")
      throw new OutputError(`cannot write ${where}: a file stands where a folder is needed; choose another --out`);
    throw error;
  }
}
