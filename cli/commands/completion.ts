import { Argument, type Command } from "commander";
import { fieldReference } from "../../components/spec/json-schema/reference.js";
import { completionScript, completionTree, SHELLS, type Shell } from "../completion.js";
import { baseCommand, type RunState } from "../command.js";
import { EXIT, type Io } from "../io.js";

/** The spec fields `explain` completes to: without `spec.` and list markers, as users type them. */
function explainFields(): string[] {
  return [...new Set([...fieldReference().keys()].map((p) => p.replace(/\[\]/g, "").replace(/^spec\./, "")))];
}

/** `reliability completion bash|zsh|fish`: prints the shell's completion script for every command. */
export function completionCommand(io: Io, state: RunState): Command {
  const command = baseCommand("completion", io)
    .description("print the completion script of a shell: source <(reliability completion bash)")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices([...SHELLS]));
  return command.action((shell: Shell) => {
    const root = command.parent ?? command;
    io.out(completionScript(shell, root.name(), completionTree(root, { explain: explainFields() })));
    state.code = EXIT.ok;
  });
}
