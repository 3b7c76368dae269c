/**
 * Reading large text files (cached records, `plan.json`). Node's `readFileSync(path, "utf8")`
 * decodes far more slowly than `TextDecoder` on a buffer read whole: on a record of tens of
 * megabytes the difference is most of a second.
 */

import { readFileSync } from "node:fs";

/** Keeps a byte order mark as a character, as `readFileSync(path, "utf8")` does. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of a UTF-8 file (invalid sequences become U+FFFD, as with `readFileSync(path, "utf8")`). */
export function readUtf8(path: string): string {
  return decoder.decode(readFileSync(path));
}
