import type { Command } from "commander";
import { CommanderError } from "commander";
import { baseCommand, type RunState } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT, type Io, processIo, quietOnClosedOutput, reportError } from "./io.js";

/** Builds the `reliability` program. */
export function buildProgram(io: Io, state: RunState): Command {
  const program = baseCommand("reliability", io)
    .description(
      "Reliability specs → Kubernetes workloads, SLO alerts, chaos schedules, multi-region databases and DNS failover",
    )
    .version("0.1.0");
  for (const make of COMMANDS) program.addCommand(make(io, state));
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 mandatory violation, 2 invalid input, 3 internal error.
 * @param argv full argv, as `process.argv` (node, script, ...args).
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) quietOnClosedOutput();
  const state: RunState = { code: EXIT.ok };
  try {
    await buildProgram(io, state).parseAsync([...argv]);
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
        ? EXIT.ok
        : EXIT.invalidInput;
    }
    return reportError(io, error);
  }
}
