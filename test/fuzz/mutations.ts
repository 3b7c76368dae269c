/**
 * Mutations of spec texts for the fuzz suite: the kinds of damage a hostile or careless pull
 * request does to a YAML file, as fast-check arbitraries.
 */

import fc from "fast-check";

/** Tokens that stress the parser, the schema and the messages. */
const HOSTILE = [
  "__proto__: {a: b}",
  "constructor: 1",
  "prototype: [x]",
  "&a [*a, *a]",
  "*missing",
  ".nan",
  "-.inf",
  "- - - - - - x",
  "[[[[[[[[[[",
  "{{{{",
  '"\u202eevil\u0007"',
  "\u0000",
  "\t",
  "---",
  "...",
  ": :",
  "? x",
  "!!binary AAAA",
  "!!js/function f",
  "'unterminated",
  '"\\uZZZZ"',
  "0x1F",
  "1e400",
  "99.99999",
  "2026-02-30",
  "| \n  block\n",
  "key with spaces: 1",
  "x".repeat(3000),
];

/** One edit of a text. */
export type Mutation = (text: string) => string;

const at = (text: string, where: number): number => (text.length === 0 ? 0 : where % (text.length + 1));

const lineEdit = (edit: (lines: string[], i: number, j: number) => void) =>
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => (text) => {
    const lines = text.split("\n");
    edit(lines, i % lines.length, j % lines.length);
    return lines.join("\n");
  });

/** A single random edit: lines deleted, duplicated, moved or re-indented, bytes or hostile tokens inserted. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineEdit((lines, i) => void lines.splice(i, 1)),
  lineEdit((lines, i, j) => void lines.splice(j, 0, lines[i] ?? "")),
  lineEdit((lines, i, j) => void ([lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""])),
  lineEdit((lines, i) => void (lines[i] = `  ${lines[i] ?? ""}`)),
  lineEdit((lines, i) => void (lines[i] = (lines[i] ?? "").replace(/^ {1,2}/, ""))),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)).map(
    ([w, token]): Mutation =>
      (text) =>
        text.slice(0, at(text, w)) + token + text.slice(at(text, w)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)).map(([w, token]): Mutation => (text) => {
    const lines = text.split("\n");
    const i = w % lines.length;
    lines[i] = (lines[i] ?? "").replace(/:\s.*$/, `: ${token}`);
    return lines.join("\n");
  }),
  fc.tuple(fc.nat(), fc.string({ unit: "binary", maxLength: 8 })).map(
    ([w, s]): Mutation =>
      (text) =>
        text.slice(0, at(text, w)) + s + text.slice(at(text, w)),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
    ([w, n]): Mutation =>
      (text) =>
        text.slice(0, at(text, w)) + text.slice(at(text, w) + n),
  ),
  fc.nat().map(
    (w): Mutation =>
      (text) =>
        text.slice(0, at(text, w)),
  ),
  fc.constant<Mutation>((text) => text.replace(/\n/g, "\r\n")),
);

/** One to four edits applied in turn. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 4 });
