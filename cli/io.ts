import { colors as pc } from "../components/render/colors.js";
import { formatDiagnostic, SpecError } from "../components/core/spec/errors.js";
import { OutputError } from "../components/render/files.js";
import { terminalAsk } from "./terminal.js";
import { Interrupted } from "./signals.js";

/**
 * Exit codes every command uses (scripts and CI rely on them).
 */
export const EXIT = {
  /** Success; no mandatory violation. */
  ok: 0,
  /** A mandatory policy violation or an objective the settings cannot meet. */
  violation: 1,
  /** Invalid input: a spec, a stack config or the command line. */
  invalidInput: 2,
  /** A defect in this tool. */
  internal: 3,
  /** Interrupted by SIGINT or SIGTERM (128 + 2); nothing was written. */
  interrupted: 130,
  /** Standard output was closed by its reader (`| head`): 128 + SIGPIPE, as a shell tool killed by it. */
  closedOutput: 141,
} as const;

/**
 * Ends the process quietly once standard output's reader has closed it (EPIPE), as tools killed
 * by SIGPIPE do, instead of failing with a stack trace; what a run writes to files is finished
 * before it prints.
 */
export function quietOnClosedOutput(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(EXIT.closedOutput);
  });
}

/** Where commands write: results to `out`, errors to `err`. */
export interface Io {
  /** Standard output (results): `text`, then a line break unless it ends with one. */
  readonly out: (text: string) => void;
  /**
   * Standard output as it is, a block at a time; resolves once the stream can take more (the
   * process's own; absent where output is kept as text, which then gets whole files through `out`).
   */
  readonly write?: (block: Uint8Array) => Promise<void>;
  /** Standard error (diagnostics). */
  readonly err: (text: string) => void;
  /** Working directory that relative paths and globs start from. */
  readonly cwd: string;
  /** Replaces the transient status line (empty text clears it); present only when standard error is a terminal. */
  readonly status?: (text: string) => void;
  /** Asks a question and resolves to the answer; present only when standard input and output are terminals. */
  readonly ask?: (question: string) => Promise<string>;
}

/** The process's own streams. */
export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  write: (block) =>
    new Promise<void>((resolve) => {
      if (process.stdout.write(block)) resolve();
      else process.stdout.once("drain", resolve);
    }),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  cwd: process.cwd(),
  ...(process.stderr.isTTY === true ? { status: (text: string) => process.stderr.write(`\r\u001b[K${text}`) } : {}),
  ...(process.stdin.isTTY === true && process.stdout.isTTY === true
    ? { ask: terminalAsk(process.stdin, process.stdout) }
    : {}),
};

/** Reports an error on stderr and returns the exit code it deserves. */
export function reportError(io: Io, error: unknown): number {
  if (error instanceof SpecError) {
    for (const d of error.diagnostics) io.err(`${pc.red("error")} ${formatDiagnostic(d)}`);
    io.err(`${error.diagnostics.length} problem${error.diagnostics.length === 1 ? "" : "s"}; nothing was written.`);
    return EXIT.invalidInput;
  }
  if (error instanceof Interrupted) {
    io.err(`${pc.red("error")} ${error.message}`);
    return EXIT.interrupted;
  }
  if (error instanceof UsageError || error instanceof OutputError) {
    io.err(`${pc.red("error")} ${error.message}`);
    return EXIT.invalidInput;
  }
  io.err(`${pc.red("internal error")} ${(error as Error).stack ?? String(error)}`);
  return EXIT.internal;
}

/** A bad command line (unknown option value, missing argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
