import { stringify } from "yaml";
import { type ComposeRender, renderCompose } from "../../components/render/compose.js";
import { loadSpecs } from "../../components/spec/load.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { exampleStack, setPath } from "../support/project.js";

/** Renders the Compose file of spec objects (`services/<name>.yaml` each) for a stack, failing on spec errors. */
export function composeOf(
  specs: readonly Record<string, unknown>[],
  stack: StackConfig = exampleStack("dev"),
): ComposeRender {
  const texts = specs.map((spec) => ({
    file: `services/${String((spec.metadata as { name: string }).name)}.yaml`,
    text: stringify(spec),
  }));
  const loaded = loadSpecs(texts, stack);
  if (loaded.diagnostics.length > 0)
    throw new Error(loaded.diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return renderCompose(loaded.services, {
    stack: stack.stack,
    environment: stack.environment,
    sources: loaded.sources,
  });
}

/** A copy of `base` named `name`, with the given changes (dot paths). */
export function named(
  base: Record<string, unknown>,
  name: string,
  changes: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const spec = structuredClone(base);
  (spec.metadata as Record<string, unknown>).name = name;
  for (const [path, value] of Object.entries(changes)) setPath(spec, path, value);
  return spec;
}
