/** Running the CLI in-process, on the repository or on a temporary copy of its stacks and services. */

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/io.js";
import { ROOT } from "../support/project.js";

/** Runs `reliability <args>` in `cwd`: exit code, standard output and standard error. */
export async function run(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd };
  const code = await main(["node", "reliability", ...args], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A temporary copy of the project's stacks and services with one edit to checkout's spec; the caller removes it. */
export function projectWith(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "reliability-graph-"));
  cpSync(join(ROOT, "stacks"), join(dir, "stacks"), { recursive: true });
  cpSync(join(ROOT, "services"), join(dir, "services"), { recursive: true });
  const file = join(dir, "services", "checkout.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}
