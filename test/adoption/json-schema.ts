import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { SCHEMA_PATH } from "../../components/spec/json-schema/index.js";
import { readRepoFile } from "../support/project.js";

/** Keywords the schema adds for editors and `reliability explain`. */
const ANNOTATIONS = ["x-tier-defaults", "x-default-note", "x-drives", "markdownDescription"];

let compiled: ValidateFunction | undefined;

/** The published schema, compiled by ajv in strict mode (annotation keywords declared). */
export function publishedValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword, schemaType: ["object", "string"] });
  compiled = ajv.compile(JSON.parse(readRepoFile(SCHEMA_PATH)) as object);
  return compiled;
}

/** Whether the published schema accepts a YAML document, with ajv's messages when it does not. */
export function checkYaml(text: string): { readonly valid: boolean; readonly errors: readonly string[] } {
  const validate = publishedValidator();
  const valid = validate(parse(text, { uniqueKeys: false }));
  return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`) };
}
