import { createColors } from "picocolors";

/**
 * Terminal colours for human-readable output: on only when standard output is a terminal (or
 * `FORCE_COLOR` is set), never when `NO_COLOR` is set. Unlike picocolors' own default, a `CI`
 * variable alone does not turn colours on, so piped output and logs stay plain text.
 */
export const colors = createColors(
  !("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || process.stdout.isTTY === true),
);
