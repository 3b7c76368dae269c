/**
 * Field-level differences of two resources' inputs and options: dotted paths, before → after, with
 * secrets masked and replace-on-change inputs marked.
 */

import { RANDOM_PASSWORD_TOKEN, replacementFacts } from "../../core/aws/replacement.js";
import { isRef, isSecretRef, type PlannedResource, type PropValue } from "../../core/plan/types.js";
import { MASKED, type DiffValue, type FieldChange } from "./types.js";

/** Field names whose plain values are secrets wherever they appear. */
const SECRET_FIELD = /password|secretstring|secretbinary|token|apikey|privatekey/i;

/** Kubernetes Secrets: every value under `data`/`stringData` is secret. */
const KUBE_SECRET = "kubernetes:core/v1:Secret";

/** Every changed field of a resource present in both plans, props first, then options. */
export function fieldChanges(before: PlannedResource, after: PlannedResource): FieldChange[] {
  const out: FieldChange[] = [];
  const secret = secretTest(after);
  walk("props", before.props, after.props, out, secret);
  walk("opts", before.opts as PropValue, after.opts as PropValue, out, secret);
  const facts = replacementFacts(after.type);
  return out.map((change) => {
    const replaces = replacedBy(change, facts?.properties ?? [], after.type);
    return replaces ? { ...change, replaces } : change;
  });
}

type SecretTest = (path: string) => boolean;

function secretTest(resource: PlannedResource): SecretTest {
  const outputs = resource.opts.additionalSecretOutputs ?? [];
  return (path) => {
    const segments = path.split(".");
    if (resource.type === KUBE_SECRET && (segments[1] === "data" || segments[1] === "stringData")) return true;
    return segments.some((s) => SECRET_FIELD.test(s) || outputs.includes(s));
  };
}

function walk(
  path: string,
  a: PropValue | undefined,
  b: PropValue | undefined,
  out: FieldChange[],
  secret: SecretTest,
) {
  if (same(a, b)) return;
  if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a)
      ? Array.from({ length: Math.max(a.length, (b as readonly PropValue[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) walk(`${path}.${key}`, child(a, key), child(b, key), out, secret);
    return;
  }
  const regenerated = isSecretRef(a) && isSecretRef(b) && a.secret === b.secret;
  out.push({
    path,
    ...(a === undefined ? {} : { before: shown(a, path, secret) }),
    ...(b === undefined ? {} : { after: shown(b, path, secret) }),
    ...(regenerated ? { replaces: RANDOM_PASSWORD_TOKEN } : {}),
  });
}

/** Objects and lists the walk descends into; references and secret references are leaves. */
function isContainer(
  value: PropValue | undefined,
): value is readonly PropValue[] | { readonly [key: string]: PropValue } {
  return value !== null && typeof value === "object" && !isRef(value) && !isSecretRef(value);
}

function child(value: PropValue, key: string): PropValue | undefined {
  if (Array.isArray(value)) return (value as readonly PropValue[])[Number(key)];
  const record = value as { readonly [key: string]: PropValue };
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function same(a: PropValue | undefined, b: PropValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A value as the diff shows it: secrets masked (inside added or removed objects too), references as
 * `ref:key.attr`, secret references by name and generator settings.
 */
function shown(value: PropValue, path: string, secret: SecretTest): DiffValue {
  if (isSecretRef(value)) {
    const special = value.specialCharacters === undefined ? "" : `, special ${JSON.stringify(value.specialCharacters)}`;
    return `generated password ${value.secret} (length ${value.length ?? "default"}${special})`;
  }
  if (isRef(value)) return `ref:${value.ref}.${value.attr}`;
  if (secret(path)) return MASKED;
  if (Array.isArray(value)) return (value as readonly PropValue[]).map((v, i) => shown(v, `${path}.${i}`, secret));
  if (value !== null && typeof value === "object") {
    const out: Record<string, DiffValue> = {};
    // defineProperty, so a `__proto__` key stays a plain field.
    for (const [key, v] of Object.entries(value))
      Object.defineProperty(out, key, { value: shown(v, `${path}.${key}`, secret), enumerable: true, writable: true });
    return out;
  }
  return value;
}

/** The token a change replaces: the resource's own for a replace-on-change input. */
function replacedBy(change: FieldChange, properties: readonly string[], type: string): string | undefined {
  if (change.replaces) return change.replaces;
  const [root, name] = change.path.split(".");
  return root === "props" && name !== undefined && properties.includes(name) ? type : undefined;
}
