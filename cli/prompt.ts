/**
 * Prompts that insist on a valid answer, for the commands that prompt only when a flag is missing
 * and a terminal is there to answer (`reliability init`).
 */

import { UsageError } from "./io.js";
import type { Ask } from "./terminal.js";

/** Most times a question is asked again after an answer it cannot take. */
const ATTEMPTS = 3;

/**
 * Asks for one of `choices`, showing them and `fallback` (taken on an empty answer); asks again on
 * any other answer, and gives up with a usage error after {@link ATTEMPTS} tries.
 */
export async function askChoice<T extends string>(
  ask: Ask,
  what: string,
  choices: readonly T[],
  fallback: T,
): Promise<T> {
  return askValid(ask, `${what} (${choices.join("/")}) [${fallback}]: `, (answer) => {
    const value = answer === "" ? fallback : answer;
    return (choices as readonly string[]).includes(value)
      ? { value: value as T }
      : { problem: `must be one of ${choices.join(", ")}, got ${JSON.stringify(answer)}` };
  });
}

/** Asks until `read` takes the answer (`{ value }`) or the attempts run out. */
export async function askValid<T>(
  ask: Ask,
  question: string,
  read: (answer: string) => { readonly value: T } | { readonly problem: string },
): Promise<T> {
  let problem = "";
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const result = read((await ask(problem === "" ? question : `(${problem}) ${question}`)).trim());
    if ("value" in result) return result.value;
    problem = result.problem;
  }
  throw new UsageError(`${question.replace(/ \(.*$|:.*$/, "")} ${problem}`);
}
