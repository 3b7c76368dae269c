import type { Command } from "commander";
import { DEFAULT_SERVICES_GLOB, expandServices } from "../../components/pipeline.js";
import { renderCompose } from "../../components/render/compose.js";
import { writeFileAtomic } from "../../components/render/files.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { loadSpecFiles } from "../../components/spec/load.js";
import {
  baseCommand,
  loadStack,
  projectRoot,
  resolvePath,
  type RunState,
  type StackOptions,
  withStackOptions,
} from "../command.js";
import { EXIT, type Io } from "../io.js";
import { statusRenderCommand } from "./status-render.js";

interface ComposeCommandOptions extends StackOptions {
  readonly out?: string;
}

/** Default Compose file for a stack; outside `out/<stack>`, which `reliability plan` replaces as a whole. */
export function defaultComposePath(stack: string): string {
  return `out/${stack}-local/compose.yaml`;
}

/** `reliability render <target>`: files for other tools, generated from the specs. */
export function renderCommand(io: Io, state: RunState): Command {
  return baseCommand("render", io)
    .description("render files for other tools from the service specs")
    .addCommand(composeCommand(io, state))
    .addCommand(statusRenderCommand(io, state));
}

/** `reliability render compose --stack <name> [--services <glob>] [--out <file>|-]` */
function composeCommand(io: Io, state: RunState): Command {
  return withStackOptions(baseCommand("compose", io))
    .description("write a Docker Compose file that runs the services locally with the health checks production uses")
    .option("--out <file>", "Compose file to write, or - for standard output (default: out/<stack>-local/compose.yaml)")
    .action((options: ComposeCommandOptions) => {
      const stack = loadStack(io, options);
      const files = expandServices(options.services ?? stack.services ?? DEFAULT_SERVICES_GLOB, io.cwd);
      const loaded = loadSpecFiles(files, stack, io.cwd, projectRoot(io, options));
      if (loaded.diagnostics.length > 0) throw new SpecError(loaded.diagnostics);
      const rendered = renderCompose(loaded.services, {
        stack: stack.stack,
        environment: stack.environment,
        sources: loaded.sources,
      });
      if (rendered.diagnostics.length > 0) throw new SpecError(rendered.diagnostics);
      for (const note of rendered.notes) io.err(`note: ${note}`);
      if (options.out === "-") {
        io.out(rendered.text);
      } else {
        const out = options.out ?? defaultComposePath(stack.stack);
        writeFileAtomic(resolvePath(io, out), rendered.text);
        const count = Object.keys(rendered.document.services).length;
        io.out(
          `Wrote ${out}: ${loaded.services.length} services, ${count - loaded.services.length} local databases. Run: docker compose -f ${out} up --wait`,
        );
      }
      state.code = EXIT.ok;
    });
}
