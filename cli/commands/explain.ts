import type { Command } from "commander";
import { TIERS } from "../../components/core/spec/service.js";
import { lookupField, type FieldReference } from "../../components/spec/json-schema/reference.js";
import { baseCommand, type RunState, withFormat } from "../command.js";
import { EXIT, UsageError, type Io } from "../io.js";

/** `reliability explain <field.path> [--format text|json]` */
export function explainCommand(io: Io, state: RunState): Command {
  return withFormat(baseCommand("explain", io), ["text", "json"], "text")
    .description(
      "explain a spec field: meaning, type, allowed values, default per tier and what it drives (e.g. workload.replicas)",
    )
    .argument("<field>", "field path, with or without spec. (chaos.experiments[].latency, metadata.tier)")
    .action((query: string, options: { readonly format: "text" | "json" }) => {
      const found = lookupField(query);
      if ("suggestions" in found) {
        const hint =
          found.suggestions.length > 0
            ? `did you mean ${found.suggestions.join(", ")}?`
            : "the top-level fields are apiVersion, kind, metadata and spec";
        throw new UsageError(`unknown spec field ${JSON.stringify(query)}; ${hint}`);
      }
      io.out(options.format === "json" ? JSON.stringify(found.field, null, 2) : explainText(found.field));
      state.code = EXIT.ok;
    });
}

/** The text `reliability explain` prints for a field. */
export function explainText(field: FieldReference): string {
  const rows: [string, string | undefined][] = [
    ["type", field.type],
    ["allowed", field.allowed.length > 0 ? field.allowed.join("; ") : undefined],
    ["default", defaultText(field)],
    ["drives", field.drives],
    ["fields", field.fields.length > 0 ? field.fields.join(", ") : undefined],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.flatMap(([name, value]) => (value === undefined ? [] : [`  ${name.padEnd(width)}  ${value}`]));
  return [field.path, `  ${field.description}`, "", ...lines].join("\n");
}

function defaultText(field: FieldReference): string {
  const defaults = field.defaults;
  if (!defaults) return `none (${field.defaultNote ?? "not set"})`;
  const values = TIERS.map((t) => JSON.stringify(defaults[t]));
  if (values.every((v) => v === values[0])) return `${values[0]} (every tier)`;
  return TIERS.map((t, i) => `${t} ${values[i]}`).join(", ");
}
