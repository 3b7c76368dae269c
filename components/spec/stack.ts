/**
 * Loading a stack's `reliability:*` configuration: the keys every stack has and each registered
 * domain's stack settings, validated as one schema, then each domain's checks across the keys.
 */

import { resolve } from "node:path";
import type { z } from "zod";
import { SpecError, type Diagnostic } from "../core/spec/errors.js";
import { parseSource } from "../core/spec/positions.js";
import { zodDiagnostics } from "../core/spec/validate.js";
import { CONFIG_NAMESPACE, stackConfigSchema, stackFile, type StackConfig } from "../core/stack/config.js";
import { DOMAINS } from "../domains/index.js";
import { setOwn } from "./merge.js";
import { readTextFile } from "./read.js";

/** The whole `reliability:*` schema: the common keys and every domain's stack settings. */
export const stackSchema: z.ZodType<Omit<StackConfig, "stack">> & {
  readonly shape: Readonly<Record<string, z.ZodType>>;
} = stackConfigSchema
  .extend(Object.assign({}, ...DOMAINS.map((domain) => domain.stackSettings ?? {})))
  .superRefine((stack, ctx) => {
    for (const domain of DOMAINS)
      for (const issue of domain.checkStack?.(stack as Omit<StackConfig, "stack">) ?? [])
        ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
  }) as unknown as z.ZodType<Omit<StackConfig, "stack">> & { readonly shape: Readonly<Record<string, z.ZodType>> };

/**
 * Validates the `reliability:*` keys of a stack, whatever they were read from.
 * @throws SpecError naming every problem.
 */
export function parseStackConfig(
  stack: string,
  values: Record<string, unknown>,
  file: string,
  locate?: (path: (string | number)[]) => Diagnostic["position"],
): StackConfig {
  const result = stackSchema.safeParse(values);
  if (!result.success) {
    throw new SpecError(
      zodDiagnostics(
        result.error,
        values,
        file,
        (path) =>
          locate?.(path.length > 0 ? [`${CONFIG_NAMESPACE}:${String(path[0])}`, ...path.slice(1)] : path) ?? {
            line: 1,
            col: 1,
          },
        stackSchema,
      ),
    );
  }
  return { stack, ...result.data } as StackConfig;
}

/**
 * Reads `stacks/Pulumi.<stack>.yaml` — the same file `pulumi up` uses — and validates its `reliability:*` keys.
 * A relative `stacksDir` is read from `cwd` and named in diagnostics as given; a file whose symbolic
 * links lead out of `root` (the project root, `cwd` unless given; `false` reads anywhere) is refused.
 * @throws SpecError when the file is missing or invalid.
 */
export function loadStackConfig(
  stacksDir: string,
  stack: string,
  cwd = process.cwd(),
  root: string | false = cwd,
): StackConfig {
  const file = stackFile(stacksDir, stack);
  const read = readTextFile(resolve(cwd, file), root || undefined);
  if (!("text" in read)) {
    const missing = read.problem.endsWith("no such file");
    throw new SpecError([
      {
        file,
        position: { line: 1, col: 1 },
        path: "",
        message: missing ? `stack ${JSON.stringify(stack)} has no config file (expected ${file})` : read.problem,
      },
    ]);
  }
  const source = parseSource(file, read.text);
  if (source.syntaxErrors.length > 0) throw new SpecError(source.syntaxErrors);
  const config = (source.value as { config?: Record<string, unknown> } | null)?.config ?? {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) setOwn(values, key.slice(CONFIG_NAMESPACE.length + 1), value);
  }
  return parseStackConfig(stack, values, file, (path) => source.locate(["config", ...path]));
}
