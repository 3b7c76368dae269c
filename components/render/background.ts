/**
 * Whole files written in the background. Creating a file waits on the file system's journal when
 * much is being written at once (a millisecond or more per file on a busy disk, a fifth of a
 * fleet plan's time); done by libuv's thread pool, that wait overlaps with planning the next
 * service instead of stopping it. Each file's text is encoded at once into pooled 64 KB blocks,
 * which come back to the pool when the file is closed (so a thread holds a few megabytes of them).
 */

import { mkdirSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";
import { BlockPool } from "./sink.js";

/** Size of one block: pieces whose UTF-8 may be larger get a buffer of their own. */
export const BLOCK_BYTES = 64 << 10;

/** Blocks no file in flight holds, ready for the next file. */
const blocks = new BlockPool(BLOCK_BYTES);

/** One encoded stretch of a file: a block and how much of it is used. */
interface Chunk {
  readonly bytes: Buffer;
  readonly used: number;
  /** Whether the block came from the pool (a piece too large for a block gets a buffer of its own). */
  readonly pooled: boolean;
}

/** Files written in the background, at most `limit` at a time; {@link BackgroundFiles.settle} before the folder is used. */
export class BackgroundFiles {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #folders = new Set<string>();
  readonly #limit: number;
  #failure: { readonly error: unknown } | undefined;

  /** A writer with at most `limit` files open at once. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Starts writing the file at `path` (its folder created, the file created or truncated) from
   * `pieces`, in order.
   * @throws the error an earlier file failed with.
   */
  write(path: string, pieces: readonly string[]): void {
    this.#throwIfFailed();
    const folder = dirname(path);
    if (!this.#folders.has(folder)) mkdirSync(folder, { recursive: true });
    this.#folders.add(folder);
    const chunks = encode(pieces);
    const job: Promise<void> = writeChunks(path, chunks)
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => {
        for (const c of chunks) if (c.pooled) blocks.giveBack(c.bytes);
        this.#inFlight.delete(job);
      });
    this.#inFlight.add(job);
  }

  /**
   * Resolves once fewer than the limit of files are in flight.
   * @throws the error a file failed with.
   */
  async room(): Promise<void> {
    while (this.#inFlight.size >= this.#limit) await Promise.race(this.#inFlight);
    this.#throwIfFailed();
  }

  /**
   * Resolves once every file started is written and closed.
   * @throws the error a file failed with.
   */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}

/** The UTF-8 of `pieces`, in order, packed into as few pooled blocks as they fit. */
function encode(pieces: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let block: Buffer | undefined;
  let used = 0;
  const close = () => {
    if (block && used > 0) chunks.push({ bytes: block, used, pooled: true });
    else if (block) blocks.giveBack(block);
    block = undefined;
    used = 0;
  };
  for (const piece of pieces) {
    if (piece.length * 3 > BLOCK_BYTES) {
      close();
      const own = Buffer.from(piece, "utf8");
      chunks.push({ bytes: own, used: own.length, pooled: false });
      continue;
    }
    if (block && used + piece.length * 3 > block.length) close();
    block ??= blocks.take();
    used += block.write(piece, used, "utf8");
  }
  close();
  return chunks;
}

/** Creates (or truncates) the file at `path` and writes `chunks` to it, in order. */
async function writeChunks(path: string, chunks: readonly Chunk[]): Promise<void> {
  const file = await open(path, "w");
  try {
    for (const { bytes, used } of chunks)
      for (let done = 0; done < used;) done += (await file.write(bytes, done, used - done)).bytesWritten;
  } finally {
    await file.close();
  }
}
