/**
 * Questions on a terminal: `reliability init` asks only when a flag is missing and both standard
 * input and output are terminals.
 */

import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** Asks one question and resolves to the line typed. */
export type Ask = (question: string) => Promise<string>;

/** Asks on `input`/`output` (a terminal), one readline interface per question so nothing holds the process open. */
export function terminalAsk(input: Readable, output: Writable): Ask {
  return async (question) => {
    const rl = createInterface({ input, output, terminal: true });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}
