/**
 * Helpers for tests that run real servers on loopback: ephemeral ports, bounded waits, and
 * processes that are always stopped.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";

/** A port that was free a moment ago (for daemons that need it on the command line). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts an HTTP server on an ephemeral loopback port. */
export function serve(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => handler(req, body, res));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
    }),
  );
}

/** A started daemon and its log. */
export interface Daemon {
  readonly process: ChildProcess;
  readonly log: () => string;
}

/** Starts a daemon, keeping its output for diagnostics. */
export function start(command: string, args: readonly string[]): Daemon {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  return { process: child, log: () => log };
}

/** Stops a daemon by its process id and waits for it to exit. */
export async function stop(daemon: Daemon | undefined): Promise<void> {
  if (!daemon || daemon.process.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => daemon.process.once("exit", () => resolve()));
  daemon.process.kill("SIGTERM");
  const timer = setTimeout(() => daemon.process.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** GETs a URL, returning undefined when the server is not answering yet. */
export async function getJson(url: string): Promise<unknown> {
  try {
    const res = await fetch(url);
    return res.ok ? await res.json() : undefined;
  } catch {
    return undefined;
  }
}
