/**
 * The shape every AWS fact check returns: what AWS requires of a value and why, phrased to
 * complete "X must ... because ...". Stack and spec checks add the bad value; policy rules add the resource.
 */

/** A requirement AWS enforces that a value breaks. */
export interface AwsLimit {
  /** What the value must be or do ("be between 1 and 35"). */
  readonly must: string;
  /** Why, naming what AWS does otherwise ("RDS rejects any other retention"). */
  readonly because: string;
}

/** Quotes a value for a message: strings in double quotes, the rest as JSON. */
export function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

/** `X must Y, got V because Z`, the sentence policy findings use. */
export function sentence(subject: string, limit: AwsLimit, value?: unknown): string {
  const got = value === undefined ? "" : `, got ${shown(value)}`;
  return `${subject} must ${limit.must}${got} because ${limit.because}`;
}

/** `must Y because Z`, the message of a spec or stack diagnostic (the loader appends the value). */
export function diagnostic(limit: AwsLimit): string {
  return `must ${limit.must} because ${limit.because}`;
}

/** True for an integer in `[min, max]`. */
export function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}
