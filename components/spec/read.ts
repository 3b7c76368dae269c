/**
 * Reading input files safely: only regular files (a FIFO, a device or a symlink to one is refused
 * without blocking), never more than the size limit, and never through a symbolic link that leads
 * out of the project root.
 */

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { quote } from "../core/spec/errors.js";
import { MAX_FILE_BYTES } from "../core/spec/limits.js";

/** A file's text, or why it cannot be read (a sentence naming the fix). */
export type ReadResult = { readonly text: string } | { readonly problem: string };

/**
 * Reads a UTF-8 text file of at most {@link MAX_FILE_BYTES} bytes; never blocks on a FIFO or device.
 * With a `root` (the project root: the folder holding `stacks/` and `services/`), a file named inside
 * the root whose real path, after every symbolic link, lies outside it is refused. A path named
 * outside the root to begin with is read as given: only links are refused, not what was asked for.
 */
export function readTextFile(path: string, root?: string): ReadResult {
  const escape = root === undefined ? undefined : leavesRoot(path, root);
  if (escape) return { problem: escape };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: openProblem(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `cannot read the file: ${kindOf(stat)} is not a regular file` };
    if (stat.size > MAX_FILE_BYTES)
      return {
        problem: `cannot read the file: the file is ${stat.size} bytes; at most ${MAX_FILE_BYTES} bytes are read`,
      };
    const buffer = readBuffer();
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_FILE_BYTES) return { problem: `cannot read the file: the file grew past ${MAX_FILE_BYTES} bytes` };
    return { text: buffer.toString("utf8", 0, length) };
  } catch (error) {
    return { problem: openProblem(error) };
  } finally {
    closeSync(fd);
  }
}

/** One buffer every read reuses (reads are synchronous): one byte more than the limit, to see a file that grew past it. */
let shared: Buffer | undefined;

function readBuffer(): Buffer {
  return (shared ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1));
}

/** The flag that lets a spec or stack file resolve outside the project root. */
export const ALLOW_OUTSIDE_ROOT_FLAG = "--allow-outside-root";

/** True when `path` is `root` or inside it (both absolute). */
function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Why `path` may not be read from `root`, when a symbolic link takes it outside; undefined otherwise. */
function leavesRoot(path: string, root: string): string | undefined {
  const absolute = resolve(root, path);
  if (!within(resolve(root), absolute)) return undefined;
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(absolute);
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  if (within(realRoot, real)) return undefined;
  return `cannot read the file: a symbolic link makes it ${quote(real)}, outside the project root ${quote(realRoot)}; copy the file into the project, or pass ${ALLOW_OUTSIDE_ROOT_FLAG} to read it where it is`;
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "it";
}

function openProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "cannot read the file: no such file";
  if (code === "EACCES" || code === "EPERM") return "cannot read the file: permission denied; make the file readable";
  if (code === "EISDIR") return "cannot read the file: a folder is not a regular file";
  return `cannot read the file: ${(error as Error).message}`;
}
