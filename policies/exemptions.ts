/**
 * Exemptions of a stack (`reliability:policies.exemptions`): a finding of an exempted rule for an
 * exempted service is set aside while the exemption is in force, and shown with its owner, reason
 * and expiry; an expired exemption sets nothing aside and is itself a mandatory finding.
 */

import { must } from "../components/core/policy/framework.js";
import { inForce, type Exemption, type ExemptionInForce } from "../components/core/policy/severity.js";
import type { Violation } from "../components/core/policy/types.js";

/** Name under which an expired exemption is reported. */
export const EXPIRED_EXEMPTION = "exemption-expired";

/** Config path of the exemptions in a stack file. */
export const EXEMPTIONS_PATH = "reliability:policies.exemptions";

/** Violations once exemptions apply, and the exemptions in force. */
export interface Exempted {
  /** Violations not set aside, then one mandatory violation per expired exemption. */
  readonly violations: readonly Violation[];
  /** Exemptions in force, in configured order. */
  readonly exemptions: readonly ExemptionInForce[];
}

/** Where an exemption is written: the stack file and its 1-based line and column. */
export type ExemptionLocator = (index: number) => {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
};

/**
 * Applies the exemptions on `today` (YYYY-MM-DD, UTC): findings of an exemption in force are set
 * aside; an expired exemption is reported as a mandatory `exemption-expired` finding at its entry.
 */
export function applyExemptions(
  violations: readonly Violation[],
  exemptions: readonly Exemption[],
  today: string,
  locate: ExemptionLocator = () => ({ file: "" }),
): Exempted {
  const active = exemptions.filter((e) => inForce(e, today));
  const covers = (v: Violation, e: Exemption): boolean => e.service === v.service && e.rule === v.policy;
  const kept = violations.filter((v) => !active.some((e) => covers(v, e)));
  const expired = exemptions.flatMap((e, i) => (inForce(e, today) ? [] : [expiredViolation(e, i, today, locate)]));
  return {
    violations: [...kept, ...expired],
    exemptions: active.map((exemption) => ({
      exemption,
      violations: violations.filter((v) => covers(v, exemption)),
    })),
  };
}

function expiredViolation(e: Exemption, index: number, today: string, locate: ExemptionLocator): Violation {
  return {
    policy: EXPIRED_EXEMPTION,
    domain: "stack",
    level: "mandatory",
    service: e.service,
    resource: "",
    message: must(
      `The exemption of ${e.service} from ${e.rule} (owner ${e.owner})`,
      "be renewed after review or removed",
      `it expired on ${e.expires} (today is ${today}), so ${e.rule} applies to ${e.service} again`,
    ),
    fix: `Fix the ${e.rule} findings of ${e.service} and delete ${EXEMPTIONS_PATH}[${index}], or, after review, set its expires to a later date.`,
    path: `${EXEMPTIONS_PATH}[${index}].expires`,
    ...locate(index),
  };
}
