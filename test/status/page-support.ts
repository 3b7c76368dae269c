/**
 * Helpers of the status-page tests: the page checks of one spec, and a temporary project whose
 * example specs the CLI reads.
 */

import { toPlan } from "../../components/plan/index.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { pageChecks, type PageCheck } from "../../components/domains/status/page.js";
import { exampleStack, loadObject } from "../support/project.js";
import { publicSpec } from "./support.js";

/** The status-page checks of one spec (the public spec with `changes`) planned for a stack. */
export function checksOf(
  changes: Record<string, unknown> = {},
  stack: StackConfig = exampleStack("prod"),
): PageCheck[] {
  const loaded = loadObject(publicSpec(changes), stack);
  if (loaded.diagnostics.length > 0)
    throw new Error(loaded.diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return pageChecks(toPlan(loaded.services, stack), loaded.services);
}
