/**
 * Key rule: every customer-managed KMS key the plan creates (the database's per-region keys, the
 * alarm topics' keys) rotates its key material yearly, whatever a transformation does to its inputs.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html
 */

import { z } from "zod";
import { describe, must, resourceRule } from "../../core/policy/framework.js";
import { isSet, isUnknown, str } from "../../core/policy/values.js";
import { RDS } from "./rules.js";

/** The key spec of a symmetric encryption key, the only kind of key KMS rotates automatically. */
const SYMMETRIC = "SYMMETRIC_DEFAULT";

/** Automatic rotation on every symmetric customer-managed key. */
export const kmsKeyRotation = resourceRule("database", {
  name: "kms-key-rotation-enabled",
  fix: "Remove the override of the KMS key: keep enableKeyRotation: true on every key the plan creates.",
  anchor:
    "AWSGuard cmk-backing-key-rotation-enabled (AWS Config): a key whose material never rotates keeps every ciphertext of its lifetime behind one secret.",
  description: "Every symmetric customer-managed KMS key the plan creates rotates its key material automatically.",
  types: [RDS.kmsKey],
  config: z.object({}),
  enforcement: "production",
  check: (subject) => {
    const rotation = subject.props["enableKeyRotation"];
    const spec = str(subject.props, "customerMasterKeySpec");
    const keySpec = str(subject.props, "keySpec");
    if (rotation === true || isUnknown(rotation) || isUnknown(spec) || isUnknown(keySpec)) return [];
    if ((spec !== undefined && spec !== SYMMETRIC) || (keySpec !== undefined && keySpec !== SYMMETRIC)) return [];
    return [
      {
        resource: subject.key,
        message: must(
          describe(subject),
          `set enableKeyRotation: true (remove the override), got ${isSet(rotation) ? JSON.stringify(rotation) : "none"}`,
          "AWS then rotates the key material every year while old ciphertexts stay readable, and without it one exposed key version decrypts everything the key ever protected",
        ),
      },
    ];
  },
});

/** The key rules. */
export const KEY_RULES = [kmsKeyRotation];
