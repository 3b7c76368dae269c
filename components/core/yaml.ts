/**
 * A fast YAML emitter for the plain data the plan renders (maps, sequences, strings, numbers,
 * booleans, null). Its text is byte for byte what the `yaml` package's
 * `stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })` writes: block style, two-space
 * indentation, sequences indented under their key, no folding. Every string the emitter cannot tell
 * is plain at a glance is written by `yaml` itself (and remembered), and anything else it does not
 * know (a class instance, `undefined` in a sequence, a key that needs quoting) makes it hand the
 * whole value to `yaml`, so the output never differs; building no document tree makes it many
 * times faster.
 * @see https://eemeli.org/yaml/#tostring-options
 */

import { Document, stringify } from "yaml";
import { remembered } from "./memo.js";

/** The options the emitter reproduces. */
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Strings `yaml` writes unquoted both as a key and as a value, wherever they stand: no indicator
 * first, no `#`, no `: `, no space or colon last, and not a word the YAML 1.2 core schema reads as
 * null or a boolean. One pattern, so each string is scanned once.
 */
const PLAIN = /^(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)[A-Za-z_/](?:[\w./=+\-@ ]|:(?! ))*(?<![ :])$/;

/** Most strings whose `yaml` text is remembered. */
const SCALAR_CACHE_LIMIT = 50_000;

/** Stands in {@link scalars} for a string `yaml` writes over several lines (no single-line text holds a line break). */
const BLOCK = "\n";

/** Single-line texts `yaml` gave for strings that are not plain at a glance, or {@link BLOCK}. */
const scalars = new Map<string, string>();

/** Block-scalar texts `yaml` gave at the top level, by what holds the string (a map entry or a sequence item). */
const blocks = { map: new Map<string, string>(), seq: new Map<string, string>() };

/** Thrown when the value holds something only `yaml` itself should write. */
class Unsupported extends Error {}

/** The YAML text of `value`, identical to `yaml`'s `stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })`. */
export function toYaml(value: unknown): string {
  try {
    if (isMap(value) && hasEntries(value)) return emitMap(value, "", false);
    if (Array.isArray(value) && value.length > 0) return emitSeq(value, "", false);
    return stringify(value, YAML_OPTIONS);
  } catch (error) {
    if (error instanceof Unsupported) return stringify(value, YAML_OPTIONS);
    throw error;
  }
}

/** Whether `yaml` writes `text` unquoted both as a key and as a value. */
function isPlain(text: string): boolean {
  return PLAIN.test(text);
}

function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Unsupported();
  return true;
}

function hasEntries(map: Record<string, unknown>): boolean {
  for (const key in map) if (map[key] !== undefined) return true;
  return false;
}

/** Entries at `indent`, one per line (the first without indentation when it continues a `- `); a nested collection starts on the next line. */
function emitMap(map: Record<string, unknown>, indent: string, inline: boolean): string {
  let text = "";
  let lead = inline ? "" : indent;
  const child = `${indent}  `;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (!isPlain(key)) throw new Unsupported();
    text += `${lead}${key}:${emitValue(value, child, "map")}`;
    lead = indent;
  }
  return text;
}

/** Items at `indent`, each after `- ` (the first without indentation when it continues a `- `); a nested collection starts on the item's line. */
function emitSeq(seq: readonly unknown[], indent: string, inline: boolean): string {
  let text = "";
  let lead = inline ? "" : indent;
  const child = `${indent}  `;
  for (const item of seq) {
    if (item === undefined) throw new Unsupported();
    text += `${lead}-${emitValue(item, child, "seq")}`;
    lead = indent;
  }
  return text;
}

/** The value after `key:` or `-`, nested content at `child`. */
function emitValue(value: unknown, child: string, parent: "map" | "seq"): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return " []\n";
    return parent === "map" ? `\n${emitSeq(value, child, false)}` : ` ${emitSeq(value, child, true)}`;
  }
  if (isMap(value)) {
    if (!hasEntries(value)) return " {}\n";
    return parent === "map" ? `\n${emitMap(value, child, false)}` : ` ${emitMap(value, child, true)}`;
  }
  return ` ${scalar(value, child, parent)}\n`;
}

function scalar(value: unknown, child: string, parent: "map" | "seq"): string {
  if (typeof value === "string") return string(value, child, parent);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) return "null";
  if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
  throw new Unsupported();
}

function string(value: string, child: string, parent: "map" | "seq"): string {
  if (isPlain(value)) return value;
  const block = literalBlock(value, child);
  if (block !== undefined) return block;
  const line = singleLine(value);
  if (line !== undefined) return line;
  const known = remembered(scalars, SCALAR_CACHE_LIMIT, value, () => {
    const text = stringify(value, YAML_OPTIONS).slice(0, -1);
    return text.includes("\n") ? BLOCK : text;
  });
  return known === BLOCK ? multiline(value, child, parent) : known;
}

/** Characters that make `yaml` write a string double-quoted, with escapes. */
// eslint-disable-next-line no-control-regex -- control characters are what the pattern finds
const ESCAPED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/** A one-line string `yaml` will not write plain as a value in a block collection: an indicator first, `: ` or ` #` inside, or a space, tab or colon last. */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$/;

/** The patterns by which the YAML 1.2 core schema `yaml` writes with reads a plain scalar as something other than a string (null, a boolean, a number). */
const OTHER_TYPES: readonly RegExp[] = new Document().schema.tags.flatMap((tag) =>
  tag.default && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test ? [tag.test] : [],
);

/**
 * The text `yaml` writes for a one-line string value in a block collection when that is plain or
 * single-quoted (what the package's `plainString` and `quotedString` decide, with no line width);
 * undefined for any other string (empty, multi-line, a document marker first, or one `yaml`
 * double-quotes), which `yaml` itself writes.
 */
function singleLine(value: string): string | undefined {
  if (value === "" || value.includes("\n") || ESCAPED.test(value) || /^(?:---|\.\.\.)/.test(value)) return undefined;
  if (!NOT_PLAIN.test(value) && !OTHER_TYPES.some((type) => type.test(value))) return value;
  return value.includes('"') && !value.includes("'") ? `'${value}'` : undefined;
}

/** A multi-line string `yaml` writes as a literal block with no indentation indicator: no control or bidi-breaking characters, no tab, nothing blank at its start, no whitespace at its end but at most one line break after a visible character. */
const LITERAL =
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
  /^[^\s\x00-\x1f\x7f-\x9f\u{D800}-\u{DFFF}][^\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]*[^\s\x00-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]\n?$/u;

/**
 * The literal block (`|` or `|-`) `yaml` writes for a multi-line string of the common kind
 * ({@link LITERAL}), its lines indented to `child` (blank lines bare); undefined for any other string.
 */
function literalBlock(value: string, child: string): string | undefined {
  if (value === lastBlock?.value && child === lastBlock.child) return lastBlock.text;
  if (!value.includes("\n") || !LITERAL.test(value)) return undefined;
  const clip = value.endsWith("\n");
  const body = clip ? value.slice(0, -1) : value;
  const text = `|${clip ? "" : "-"}\n${child}${body.replace(/\n+/g, `$&${child}`)}`;
  if (value.length >= LARGE_BLOCK) lastBlock = { value, child, text };
  return text;
}

/** Length from which the last literal block is kept: a service's large texts (a dashboard) stand in every one of its regions. */
const LARGE_BLOCK = 4_096;

/** The last large literal block written, and what it was written from. */
let lastBlock: { readonly value: string; readonly child: string; readonly text: string } | undefined;

/**
 * A string `yaml` writes over several lines (a block scalar): written by `yaml` as the value of a
 * one-entry map or sequence at the top level, its continuation lines then indented to `child`.
 */
function multiline(value: string, child: string, parent: "map" | "seq"): string {
  const body = remembered(blocks[parent], SCALAR_CACHE_LIMIT, value, () => {
    const wrapped = stringify(parent === "map" ? { k: value } : [value], YAML_OPTIONS);
    return wrapped.slice(parent === "map" ? "k: ".length : "- ".length, -1);
  });
  const indent = child.slice(2);
  return indent === "" ? body : body.replace(/\n(?=[^\n])/g, `\n${indent}`);
}
