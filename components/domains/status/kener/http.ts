/**
 * One JSON request to Kener with a Bearer key, a timeout per attempt, and bounded retries with
 * exponential backoff. A request is retried only when repeating it cannot do a thing twice: `GET`,
 * `PATCH` and `DELETE` on any 5xx, timeout or network error; `POST` only when the server cannot have
 * acted on it (connection refused, 502, 503, 504), so an update is never posted twice.
 */

import type { z } from "zod";
import { errorSchema } from "./api.js";

/** Settings of the Kener client. */
export interface KenerClientOptions {
  /** Base URL of the Kener site, such as `https://status.acme.example` (the API is under `/api/v4`). */
  readonly baseUrl: string;
  /** API key (`kener_<64 hex>`), read from the environment by the caller. */
  readonly apiKey: string;
  /** Milliseconds one attempt may take. @default 10000 */
  readonly timeoutMs?: number;
  /** Attempts after the first. @default 3 */
  readonly retries?: number;
  /** Wait before the first retry, milliseconds; doubled before each next one. @default 250 */
  readonly backoffMs?: number;
  /** Longest wait between two attempts, milliseconds. @default 4000 */
  readonly maxBackoffMs?: number;
}

/** Defaults of {@link KenerClientOptions}. */
export const KENER_CLIENT_DEFAULTS = {
  /** @default 10000 */
  timeoutMs: 10_000,
  /** @default 3 */
  retries: 3,
  /** @default 250 */
  backoffMs: 250,
  /** @default 4000 */
  maxBackoffMs: 4_000,
} as const;

/** Longest excerpt of a response body an error quotes. */
const EXCERPT = 300;

/** A request to Kener failed: the message names the request, the status (or the network error), the error code and a body excerpt. */
export class KenerError extends Error {
  constructor(
    message: string,
    /** HTTP status; undefined when no answer came (timeout, network). */
    readonly status: number | undefined,
    /** Kener's error code (`NOT_FOUND`, `BAD_REQUEST`, …) when the body had one. */
    readonly code: string | undefined,
    /** Attempts made. */
    readonly attempts: number,
  ) {
    super(message);
    this.name = "KenerError";
  }
}

/** HTTP methods the API uses. */
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** The outcome of one attempt: an answer, or the reason there was none. */
type Attempt =
  { readonly response: Response; readonly text: string } | { readonly failure: string; readonly refused: boolean };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Attempt> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { response, text: await response.text() };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === "TimeoutError") return { failure: `no answer within ${timeoutMs}ms`, refused: false };
    const code = err.cause?.code;
    return { failure: `${code ?? err.cause?.message ?? err.message}`, refused: code === "ECONNREFUSED" };
  }
}

function retryable(method: Method, outcome: Attempt): boolean {
  if ("failure" in outcome) return method !== "POST" || outcome.refused;
  const { status } = outcome.response;
  if (method === "POST") return status === 502 || status === 503 || status === 504;
  return status >= 500;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

function failed(what: string, outcome: Attempt, attempts: number): KenerError {
  const tries = attempts === 1 ? "" : ` after ${attempts} attempts`;
  if ("failure" in outcome)
    return new KenerError(`${what} failed${tries}: ${outcome.failure}`, undefined, undefined, attempts);
  const parsed = errorSchema.safeParse(safeJson(outcome.text));
  const code = parsed.success ? parsed.data.error.code : undefined;
  const status = outcome.response.status;
  return new KenerError(
    `${what} failed${tries}: HTTP ${status}${code ? ` ${code}` : ""}: ${excerpt(outcome.text) || "(empty body)"}`,
    status,
    code,
    attempts,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A request: method, path under `/api/v4`, optional JSON body, and the schema of the expected answer. */
export interface KenerRequest<T> {
  readonly method: Method;
  readonly path: string;
  readonly body?: unknown;
  readonly schema: z.ZodType<T>;
}

/**
 * Sends a request, retrying as the module comment says, and reads the answer with its schema.
 * @throws KenerError naming the request, the status or network error and a body excerpt.
 */
export async function send<T>(options: KenerClientOptions, basePath: string, request: KenerRequest<T>): Promise<T> {
  const settings = { ...KENER_CLIENT_DEFAULTS, ...options };
  const url = `${settings.baseUrl.replace(/\/+$/, "")}${basePath}${request.path}`;
  const what = `Kener ${request.method} ${basePath}${request.path}`;
  const init: RequestInit = {
    method: request.method,
    headers: {
      authorization: `Bearer ${settings.apiKey}`,
      accept: "application/json",
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  };
  for (let attempts = 1; ; attempts++) {
    const outcome = await attempt(url, init, settings.timeoutMs);
    if ("response" in outcome && outcome.response.ok) return parseAnswer(what, outcome, request.schema, attempts);
    if (attempts > settings.retries || !retryable(request.method, outcome)) throw failed(what, outcome, attempts);
    await sleep(Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** (attempts - 1)));
  }
}

function parseAnswer<T>(
  what: string,
  answer: { readonly response: Response; readonly text: string },
  schema: z.ZodType<T>,
  attempts: number,
): T {
  const text = answer.text;
  const parsed = schema.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new KenerError(
    `${what} answered with an unexpected body (${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "not JSON"}): ${excerpt(text) || "(empty body)"}`,
    answer.response.status,
    undefined,
    attempts,
  );
}
