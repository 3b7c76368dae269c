/**
 * Reading a `plan.json` one service at a time. A fleet's plan can be larger than the longest string
 * V8 makes (512 MB, reached near 2,600 services), so the file is never read whole: one pass over its
 * bytes finds where each top-level field and each element of `services` stands, then each service
 * is read and parsed on its own with `JSON.parse`. The pass only follows strings and brackets, so any
 * valid JSON layout works (`jq .` output included). The streaming JSON parsers on npm build every
 * value in JavaScript and were several times slower than this on a 200 MB plan.
 */

import { closeSync, openSync, readSync } from "node:fs";

/** A byte range of the file: start, end (exclusive). */
type Range = readonly [number, number];

/** Where a plan file's parts stand. */
export interface PlanFileLayout {
  /** Each top-level field but `services`, by name: where its value stands. */
  readonly fields: ReadonlyMap<string, Range>;
  /** Where each element of `services` stands, in order; undefined when there is no `services` array. */
  readonly services: readonly Range[] | undefined;
}

/** Bytes read at a time. */
const BLOCK_BYTES = 8 << 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const isOpen = (byte: number) => byte === OPEN_BRACE || byte === OPEN_BRACKET;
const isClose = (byte: number) => byte === CLOSE_BRACE || byte === 0x5d;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
/** The UTF-8 byte order mark a file may start with. */
const BOM = [0xef, 0xbb, 0xbf];

/** Finds, in a block of `end` bytes, the next quote or backslash from a position inside a string (`end` when none). */
class StringEnds {
  #backslash = -1;

  constructor(
    readonly block: Buffer,
    readonly end: number,
  ) {}

  /** The next quote or backslash at or after `i`. */
  next(i: number): number {
    if (this.#backslash < i) {
      const found = this.block.indexOf(BACKSLASH, i);
      this.#backslash = found < 0 || found >= this.end ? this.end : found;
    }
    const quote = this.block.indexOf(QUOTE, i);
    return Math.min(quote < 0 ? this.end : quote, this.#backslash, this.end);
  }
}

/** Thrown when the file is not one JSON object (the message says where it stops making sense). */
export class PlanFileError extends Error {}

/** The pass over the bytes: strings and nesting, and where the top-level fields and the services stand. */
class Scanner {
  depth = 0;
  inString = false;
  escaped = false;
  /** At depth 1: reading a key (true) or a value (false). */
  expectKey = true;
  key: [number, number] = [0, 0];
  valueStart = -1;
  keyName = "";
  inServices = false;
  elementStart = -1;
  readonly fields = new Map<string, Range>();
  services: [number, number][] | undefined;

  constructor(readonly keyText: (range: Range) => string) {}

  /** Follows one byte at absolute position `at`. */
  step(byte: number, at: number): void {
    if (this.inString) return this.stringByte(byte, at);
    if (isSpace(byte)) return;
    if (this.depth === 0) throw new PlanFileError(`something follows the plan's JSON object at byte ${at}`);
    if (this.depth === 1) return this.topLevel(byte, at);
    const element = this.depth === 2 && this.inServices;
    if (element && this.elementStart < 0 && byte !== COMMA && !isClose(byte)) this.elementStart = at;
    if (byte === QUOTE) this.inString = true;
    else if (isOpen(byte)) this.depth++;
    else if (isClose(byte)) {
      if (element) this.endElement(at);
      this.depth--;
    } else if (byte === COMMA && element) this.endElement(at);
  }

  private stringByte(byte: number, at: number): void {
    if (this.escaped) this.escaped = false;
    else if (byte === BACKSLASH) this.escaped = true;
    else if (byte === QUOTE) {
      this.inString = false;
      if (this.depth === 1 && this.expectKey) this.key = [this.key[0], at + 1];
    }
  }

  private topLevel(byte: number, at: number): void {
    if (this.expectKey) {
      if (byte === QUOTE) {
        this.inString = true;
        this.key = [at, at];
      } else if (byte === COLON) {
        this.expectKey = false;
        this.keyName = this.keyText(this.key);
      } else if (byte === CLOSE_BRACE) this.depth = 0;
      else if (byte !== COMMA) throw new PlanFileError(`expected a field name at byte ${at}`);
      return;
    }
    if (this.valueStart < 0) {
      this.valueStart = at;
      this.inServices = this.keyName === "services" && byte === OPEN_BRACKET;
      if (this.inServices) this.services = [];
    }
    if (byte === COMMA || byte === CLOSE_BRACE) {
      this.fields.set(this.keyName, [this.valueStart, at]);
      this.valueStart = -1;
      this.expectKey = true;
      this.inServices = false;
      if (byte === CLOSE_BRACE) this.depth = 0;
    } else if (byte === QUOTE) this.inString = true;
    else if (isOpen(byte)) this.depth++;
  }

  private endElement(at: number): void {
    if (this.elementStart >= 0) this.services?.push([this.elementStart, at]);
    this.elementStart = -1;
  }
}

/** An open plan file read by ranges. */
export class PlanFile {
  readonly #fd: number;
  #open = true;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  /** Opens `path` (the caller closes it). */
  constructor(path: string) {
    this.#fd = openSync(path, "r");
  }

  /** The text of a byte range. */
  text([start, end]: Range): string {
    const bytes = Buffer.allocUnsafe(end - start);
    for (let done = 0; done < bytes.length;) {
      const read = readSync(this.#fd, bytes, done, bytes.length - done, start + done);
      if (read === 0) throw new PlanFileError(`the file ended at byte ${start + done}, inside a value`);
      done += read;
    }
    return this.#decoder.decode(bytes);
  }

  /** The parsed value of a byte range. */
  value(range: Range): unknown {
    return JSON.parse(this.text(range)) as unknown;
  }

  /**
   * Where the top-level fields and the services stand, from one pass over the file.
   * @throws PlanFileError when the file is not one JSON object.
   */
  layout(): PlanFileLayout {
    const scanner = new Scanner((range) => JSON.parse(this.text(range)) as string);
    const block = Buffer.allocUnsafe(BLOCK_BYTES);
    let at = 0;
    let started = false;
    for (let read; (read = readSync(this.#fd, block, 0, block.length, at)) > 0; at += read) {
      const bom = at === 0 && BOM.every((b, i) => block[i] === b) ? BOM.length : 0;
      const ends = new StringEnds(block, read);
      for (let i = bom; i < read; i++) {
        if (scanner.inString && !scanner.escaped) i = ends.next(i);
        if (i >= read) break;
        const byte = block[i]!;
        if (started) scanner.step(byte, at + i);
        else if (byte === OPEN_BRACE) {
          started = true;
          scanner.depth = 1;
        } else if (!isSpace(byte)) throw new PlanFileError("the file does not hold a JSON object");
      }
    }
    if (!started || scanner.depth !== 0 || scanner.inString) throw new PlanFileError("the file ends inside its JSON");
    return { fields: scanner.fields, services: scanner.services };
  }

  /** Closes the file (once; later calls do nothing). */
  close(): void {
    if (this.#open) closeSync(this.#fd);
    this.#open = false;
  }
}
