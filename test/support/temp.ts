/**
 * Temporary directories that remove themselves: a test that writes files or runs a server with its
 * files in a directory of its own never leaves it behind in the system's temporary folder.
 *
 * For tests only (it registers vitest hooks when imported): helpers the benchmarks import make their
 * directories with `mkdtempSync` and remove them in `finally`.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, onTestFinished } from "vitest";

/** How long a directory lives: until the test that made it finishes, or until the test file is done. */
export type TempLifetime = "test" | "file";

/** Directories kept until the test file is done. */
const fileDirs = new Set<string>();

function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

// Registered when a test file first imports this module, so it runs after the file's own `afterAll`
// hooks (vitest runs them last-registered first): servers a suite starts are stopped before their
// files go.
afterAll(() => {
  for (const dir of fileDirs) remove(dir);
  fileDirs.clear();
});

/**
 * A fresh directory `<temporary folder>/<prefix>-XXXXXX`, removed with everything in it when the test
 * that made it finishes (after its `afterEach` hooks, so what they stop is stopped first). Made outside
 * a test (while collecting, in `beforeAll`) or with `lifetime` "file", it is removed when the test
 * file is done, after every `afterAll` hook of the file.
 */
export function tempDir(prefix: string, lifetime: TempLifetime = "test"): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  if (lifetime === "file" || !removedWithTest(dir)) fileDirs.add(dir);
  return dir;
}

/** Has `dir` removed when the running test finishes; false outside a test (vitest refuses the hook there). */
function removedWithTest(dir: string): boolean {
  try {
    onTestFinished(() => remove(dir));
    return true;
  } catch {
    return false;
  }
}
