import type { z } from "zod";
import { quote, type Diagnostic, type SourcePosition } from "./errors.js";
import type { PathSegment } from "./positions.js";
import { closest } from "./suggest.js";

/** Finds the position of a field path, at its key or its value. */
export type Locator = (path: PathSegment[], at: "key" | "value") => SourcePosition;

/** Reads the value at `path` in a plain object tree. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

/** Keys written bare in a field path; any other key is quoted in brackets. */
const BARE_KEY = /^[\w$./-]+$/;

/**
 * Formats a field path as `spec.workload.probes[0].name` style text (dots, numeric indexes in
 * brackets); a key with spaces, quotes or other unusual characters is quoted: `env["MY VAR"]`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, s) => {
    if (typeof s === "number") return `${out}[${s}]`;
    if (!BARE_KEY.test(s)) return `${out}[${quote(s)}]`;
    return out ? `${out}.${s}` : s;
  }, "");
}

interface ZodDefLike {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly valueType?: unknown;
  readonly options?: readonly unknown[];
  readonly in?: unknown;
}

function defOf(schema: unknown): ZodDefLike | undefined {
  return (schema as { _zod?: { def?: ZodDefLike } } | undefined)?._zod?.def;
}

/** The keys an object schema allows at `path` (through optional, array, record and union wrappers). */
export function allowedKeys(schema: unknown, path: readonly PathSegment[]): string[] {
  const def = defOf(schema);
  if (!def) return [];
  if (["optional", "nullable", "default", "prefault", "readonly", "catch"].includes(def.type))
    return allowedKeys(def.innerType, path);
  if (def.type === "pipe") return allowedKeys(def.in, path);
  if (def.type === "union") return [...new Set((def.options ?? []).flatMap((o) => allowedKeys(o, path)))];
  if (path.length === 0) return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
  const [head, ...rest] = path;
  if (def.type === "object") return allowedKeys(def.shape?.[String(head)], rest);
  if (def.type === "array") return allowedKeys(def.element, rest);
  if (def.type === "record") return allowedKeys(def.valueType, rest);
  return [];
}

/** Turns a zod error into diagnostics: one per problem, each with position, path, message and the bad value. */
export function zodDiagnostics(
  error: z.ZodError,
  input: unknown,
  file: string,
  locate: Locator,
  schema?: unknown,
  shownPath: (path: PathSegment[]) => PathSegment[] = (path) => path,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    const known = schema ? allowedKeys(schema, path) : [];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          file,
          position: locate([...path, key], "key"),
          path: formatPath(shownPath([...path, key])),
          message: unknownField(key, known),
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      out.push({
        file,
        position: locate(path, "key"),
        path: formatPath(shownPath(path)),
        message: badKey(issue, path[path.length - 1]),
      });
      continue;
    }
    const value = valueAt(input, path);
    out.push({
      file,
      position: locate(path, "value"),
      path: formatPath(shownPath(path)),
      message: describe(issue, value, known),
    });
  }
  return out;
}

/** A mapping key its record refuses (label and annotation keys): the key's own rule, and the key. */
function badKey(issue: z.core.$ZodIssueInvalidKey, key: PathSegment | undefined): string {
  const inner = issue.issues.map((i) => i.message).find((m) => m.startsWith("must ")) ?? "must be a valid key";
  return `key ${inner}, got ${quote(String(key))}`;
}

function unknownField(key: string, known: readonly string[]): string {
  const suggestion = closest(key, known);
  if (suggestion) return `unknown field ${quote(key)}; did you mean ${quote(suggestion)}?`;
  return known.length > 0
    ? `unknown field ${quote(key)}; allowed fields: ${known.join(", ")}`
    : `unknown field ${quote(key)}`;
}

function describe(issue: z.core.$ZodIssue, value: unknown, known: readonly string[]): string {
  const custom = issue.message.startsWith("must ") ? issue.message : undefined;
  if (value === undefined) {
    if (custom) return `is required and ${custom}`;
    return known.length > 0 ? `is required: a mapping with the fields ${known.join(", ")}` : "is required";
  }
  if (issue.code === "invalid_type" && !custom) {
    const expected =
      issue.expected === "object"
        ? "a mapping of fields"
        : issue.expected === "array"
          ? "a list"
          : `a ${issue.expected}`;
    return `must be ${expected}, got ${quote(value)}`;
  }
  const message = custom ?? issue.message;
  const options = /^must be one of (.*)$/.exec(message)?.[1];
  if (options && typeof value === "string") {
    const suggestion = closest(value, options.split(", "));
    if (suggestion) return `${message}, got ${quote(value)}; did you mean ${quote(suggestion)}?`;
  }
  return `${message}, got ${quote(value)}`;
}
