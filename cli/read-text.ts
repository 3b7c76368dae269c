/**
 * Reading large text files (cached records, `plan.json`). Node's `readFileSync(path, "utf8")`
 * decodes far more slowly than `TextDecoder` on a buffer read whole: on a record of tens of
 * megabytes the difference is most of a second.
 */

import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import type { Io } from "./io.js";

/** Keeps a byte order mark as a character, as `readFileSync(path, "utf8")` does. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of a UTF-8 file (invalid sequences become U+FFFD, as with `readFileSync(path, "utf8")`). */
export function readUtf8(path: string): string {
  return decoder.decode(readFileSync(path));
}

/** Bytes of a file {@link printFile} reads and writes at a time. */
const PRINT_BLOCK_BYTES = 8 << 20;

/**
 * Prints a UTF-8 file on standard output, as `io.out` prints its text (a line break added unless it
 * ends with one), without holding it whole where the process writes blocks (a block at a time, the
 * next once the stream has taken it): a fleet's `plan.json` can be larger than the longest string
 * V8 makes (512 MB).
 */
export async function printFile(io: Io, path: string): Promise<void> {
  if (!io.write) return io.out(readUtf8(path));
  const fd = openSync(path, "r");
  try {
    let last = 0x0a;
    for (;;) {
      const block = Buffer.allocUnsafe(PRINT_BLOCK_BYTES); // not reused: the stream may hold it until it is flushed
      const read = readSync(fd, block, 0, block.length, null);
      if (read === 0) break;
      await io.write(block.subarray(0, read));
      last = block[read - 1]!;
    }
    if (last !== 0x0a) await io.write(Buffer.from("\n"));
  } finally {
    closeSync(fd);
  }
}
