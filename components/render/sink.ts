/**
 * Buffered UTF-8 writing to an open file. A fleet plan writes hundreds of megabytes as many small
 * strings; encoding each into a reused block and writing whole blocks keeps every allocation small
 * and short-lived. Joining a file's pieces into one string first would allocate large strings
 * outside the young generation for every file, which costs more in page faults and garbage
 * collection than the encoding itself.
 */

import { closeSync, openSync, writeSync } from "node:fs";

/** Size of one block: pieces whose UTF-8 may be larger are written on their own. */
const BLOCK_BYTES = 1 << 20;

/** Buffers of one size that are reused: taken, then given back once what they hold is written. */
export class BlockPool {
  readonly #spare: Buffer[] = [];

  /** A pool of `size`-byte blocks. */
  constructor(readonly size: number) {}

  /** A block from the pool, or a new one. */
  take(): Buffer {
    return this.#spare.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Gives a block back for the next taker. */
  giveBack(block: Buffer): void {
    this.#spare.push(block);
  }
}

/** Blocks no sink holds now, ready for the next one (writes are synchronous, so one thread never needs many). */
const blocks = new BlockPool(BLOCK_BYTES);

/** Writes all of `bytes` at the file's position; the number of bytes. */
export function writeAll(fd: number, bytes: Uint8Array): number {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  return bytes.length;
}

/** A writer of UTF-8 text to an open file, in blocks; {@link TextSink.flush} before the file is read or closed. */
export class TextSink {
  readonly #fd: number;
  #block: Buffer | undefined;
  #used = 0;

  /** A sink writing at `fd`'s position; the caller keeps the file open until it has flushed. */
  constructor(fd: number) {
    this.#fd = fd;
  }

  /** Appends `text`; the number of bytes it takes. */
  write(text: string): number {
    const block = (this.#block ??= blocks.take());
    if (this.#used + text.length * 3 > block.length) {
      this.#drain(block);
      if (text.length * 3 > block.length) return writeAll(this.#fd, Buffer.from(text, "utf8"));
    }
    const length = block.write(text, this.#used, "utf8");
    this.#used += length;
    return length;
  }

  /** Appends each of `pieces` in order; the number of bytes they take. */
  writeEach(pieces: readonly string[]): number {
    let length = 0;
    for (const piece of pieces) length += this.write(piece);
    return length;
  }

  /** Writes out what is buffered and gives the block back for the next sink. */
  flush(): void {
    if (this.#block === undefined) return;
    this.#drain(this.#block);
    blocks.giveBack(this.#block);
    this.#block = undefined;
  }

  #drain(block: Buffer): void {
    writeAll(this.#fd, block.subarray(0, this.#used));
    this.#used = 0;
  }
}

/** Writes a whole file (created or truncated) from its pieces, in order, without joining them. */
export function writePiecesFile(path: string, pieces: readonly string[]): void {
  const fd = openSync(path, "w");
  try {
    const sink = new TextSink(fd);
    sink.writeEach(pieces);
    sink.flush();
  } finally {
    closeSync(fd);
  }
}
