/**
 * Limits every AWS service shares (tags) and those of KMS and Secrets Manager.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
 */

import { intIn, type AwsLimit } from "./limit.js";

/** Most tags on one resource (Route 53 health checks allow fewer: `HEALTH_CHECK_TAGS_MAX`). */
export const TAGS_MAX = 50;

/** Longest tag key. */
export const TAG_KEY_MAX = 128;

/** Longest tag value. */
export const TAG_VALUE_MAX = 256;

/** Characters AWS allows in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * A tag set: at most `max` tags, keys 1–128 and values 0–256 allowed characters, no key with the reserved `aws:` prefix.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export function tagsLimits(tags: Readonly<Record<string, unknown>>, max = TAGS_MAX): AwsLimit[] {
  const out: AwsLimit[] = [];
  const keys = Object.keys(tags);
  if (keys.length > max)
    out.push({
      must: `carry at most ${max} tags, has ${keys.length}`,
      because: "AWS rejects more tags on this resource",
    });
  for (const key of keys) {
    const value = tags[key];
    if (key.length < 1 || key.length > TAG_KEY_MAX || !TAG_TEXT.test(key))
      out.push({
        must: `have tag keys of 1 to ${TAG_KEY_MAX} letters, digits, spaces or _.:/=+-@, got key ${JSON.stringify(key)}`,
        because: "AWS rejects any other tag key",
      });
    else if (key.toLowerCase().startsWith("aws:"))
      out.push({
        must: `not use the reserved aws: prefix in tag key ${JSON.stringify(key)}`,
        because: "AWS reserves it for its own tags",
      });
    if (typeof value === "string" && (value.length > TAG_VALUE_MAX || !TAG_TEXT.test(value)))
      out.push({
        must: `have tag values of at most ${TAG_VALUE_MAX} letters, digits, spaces or _.:/=+-@, got ${JSON.stringify(value)} for ${key}`,
        because: "AWS rejects any other tag value",
      });
  }
  return out;
}

/** Days a KMS key waits before deletion. */
export const KMS_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;

/** KMS key deletion window: 7–30 days. */
export function kmsDeletionWindowLimit(days: unknown): AwsLimit | undefined {
  return days === undefined || intIn(days, KMS_DELETION_WINDOW_DAYS.min, KMS_DELETION_WINDOW_DAYS.max)
    ? undefined
    : {
        must: "have deletionWindowInDays between 7 and 30",
        because: "KMS schedules key deletion only within that window",
      };
}

/** Longest secret name. */
export const SECRET_NAME_MAX = 512;

/** Secret name: 1–512 ASCII letters, digits and `/ _ + = . @ -`. */
export function secretNameLimit(name: unknown): AwsLimit | undefined {
  const ok =
    typeof name === "string" &&
    name.length >= 1 &&
    name.length <= SECRET_NAME_MAX &&
    /^[A-Za-z0-9/_+=.@-]+$/.test(name);
  return ok
    ? undefined
    : {
        must: `have a name of 1 to ${SECRET_NAME_MAX} ASCII letters, digits or /_+=.@-`,
        because: "Secrets Manager rejects any other secret name",
      };
}

/**
 * Secret recovery window: 0 (delete without recovery) or 7–30 days.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
 */
export function secretRecoveryWindowLimit(days: unknown): AwsLimit | undefined {
  return days === undefined || days === 0 || intIn(days, 7, 30)
    ? undefined
    : {
        must: "have recoveryWindowInDays 0 or between 7 and 30",
        because: "Secrets Manager deletes a secret either at once or after 7 to 30 days",
      };
}
