import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { colors as pc } from "../../components/render/colors.js";
import { writeFileAtomic } from "../../components/render/files.js";
import { SpecError } from "../../components/core/spec/errors.js";
import { importOpenSlo } from "../../components/import/openslo.js";
import { importSloth } from "../../components/import/sloth.js";
import type { ImportResult } from "../../components/import/types.js";
import { specText } from "../../components/import/write.js";
import { loadSpecs } from "../../components/spec/load.js";
import { readTextFile } from "../../components/spec/read.js";
import { baseCommand, resolvePath, type RunState } from "../command.js";
import { EXIT, UsageError, type Io } from "../io.js";

interface ImportOptions {
  readonly out: string;
  readonly stdout?: boolean;
}

/** The formats `reliability import` reads, with their converters. */
const FORMATS: Readonly<
  Record<string, { readonly title: string; readonly convert: (file: string, text: string) => ImportResult }>
> = {
  sloth: { title: "Sloth prometheus/v1", convert: importSloth },
  openslo: { title: "OpenSLO v1", convert: importOpenSlo },
};

/**
 * `reliability import sloth|openslo <file> [--out <dir>] [--stdout]`: converts another tool's SLOs
 * into specs (one per service), reports on stderr what had no equivalent, and refuses to overwrite.
 */
export function importCommand(io: Io, state: RunState): Command {
  const command = baseCommand("import", io).description(
    "convert Sloth or OpenSLO SLO files into reliability specs; what has no equivalent is reported on stderr",
  );
  for (const [format, { title }] of Object.entries(FORMATS))
    command.addCommand(
      baseCommand(format, io)
        .description(`convert a ${title} file into one spec per service (TODO comments mark what it does not say)`)
        .argument("<file>", `the ${title} file`)
        .option("--out <dir>", "folder to write <service>.yaml to (an existing file is never overwritten)", "services")
        .option("--stdout", "print the specs instead of writing them")
        .action((file: string, options: ImportOptions) => {
          runImport(io, format, file, options);
          state.code = EXIT.ok;
        }),
    );
  return command;
}

function runImport(io: Io, format: string, file: string, options: ImportOptions): void {
  const read = readTextFile(resolvePath(io, file));
  if ("problem" in read)
    throw new SpecError([{ file, position: { line: 1, col: 1 }, path: "", message: read.problem }]);
  const converter = FORMATS[format];
  if (!converter) throw new UsageError(`unknown format ${format}; use sloth or openslo`);
  const result = converter.convert(file, read.text);
  const header = [
    `Imported by reliability import ${format} from ${file}.`,
    "Check every TODO, then run: reliability validate",
  ];
  const outputs = result.services.map((s) => ({
    path: join(options.out, `${s.name}.yaml`),
    text: specText(s, header),
  }));
  const invalid = loadSpecs(outputs.map((o) => ({ file: o.path, text: o.text }))).diagnostics;
  if (invalid.length > 0) throw new SpecError(invalid);
  for (const w of result.warnings) io.err(`${pc.yellow("warning")} ${w.at} ${w.message}`);
  if (options.stdout) {
    io.out(outputs.map((o) => o.text).join("---\n"));
    return;
  }
  const taken = outputs.filter((o) => existsSync(resolvePath(io, o.path)));
  if (taken.length > 0)
    throw new UsageError(
      `${taken.map((o) => o.path).join(", ")} already exist${taken.length === 1 ? "s" : ""}; nothing was written (move ${taken.length === 1 ? "it" : "them"} away or choose another --out)`,
    );
  for (const o of outputs) writeFileAtomic(resolvePath(io, o.path), o.text);
  io.out(
    `Wrote ${outputs.map((o) => o.path).join(", ")} with ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}.`,
  );
}
