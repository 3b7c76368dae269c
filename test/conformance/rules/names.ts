/**
 * The name and value syntaxes of Kubernetes' apimachinery validation, as functions that return
 * what is wrong (empty when valid), like `k8s.io/apimachinery/pkg/util/validation` does.
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.30/pkg/util/validation/validation.go
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;
const PERCENT = /^[0-9]+%$/;

function tooLong(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters, got ${value.length}`] : [];
}

/** RFC 1123 label: lower-case alphanumerics and '-', ≤63, alphanumeric at both ends (namespace names, container names). */
export function dns1123Label(value: string): string[] {
  return [
    ...tooLong(value, 63),
    ...(DNS1123_LABEL.test(value)
      ? []
      : [`${JSON.stringify(value)} must be a lowercase RFC 1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?)`]),
  ];
}

/** RFC 1123 subdomain: dot-separated labels, ≤253 (most object names). */
export function dns1123Subdomain(value: string): string[] {
  return [
    ...tooLong(value, 253),
    ...(DNS1123_SUBDOMAIN.test(value) ? [] : [`${JSON.stringify(value)} must be a lowercase RFC 1123 subdomain`]),
  ];
}

/** RFC 1035 label: like an RFC 1123 label but starting with a letter (Service names). */
export function dns1035Label(value: string): string[] {
  return [
    ...tooLong(value, 63),
    ...(DNS1035_LABEL.test(value)
      ? []
      : [`${JSON.stringify(value)} must be an RFC 1035 label ([a-z]([-a-z0-9]*[a-z0-9])?)`]),
  ];
}

/** Qualified name: optional DNS-1123 subdomain prefix (≤253) and '/', then a name ≤63 (label and annotation keys). */
export function qualifiedName(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2)
    return [`${JSON.stringify(value)} must be a qualified name: an optional DNS prefix and '/' and a name`];
  const [prefix, name] = parts.length === 2 ? [parts[0] ?? "", parts[1] ?? ""] : [undefined, parts[0] ?? ""];
  const problems: string[] = [];
  if (prefix !== undefined)
    problems.push(
      ...(prefix === "" ? ["prefix part must be non-empty"] : dns1123Subdomain(prefix).map((p) => `prefix part ${p}`)),
    );
  if (name === "") problems.push("name part must be non-empty");
  else
    problems.push(
      ...tooLong(name, 63).map((p) => `name part ${p}`),
      ...(QUALIFIED_NAME_PART.test(name)
        ? []
        : [`name part ${JSON.stringify(name)} must match [A-Za-z0-9][-A-Za-z0-9_.]* and end alphanumeric`]),
    );
  return problems;
}

/** Label value: empty, or ≤63 alphanumerics, '-', '_', '.' with alphanumerics at both ends. */
export function labelValue(value: string): string[] {
  return [
    ...tooLong(value, 63),
    ...(LABEL_VALUE.test(value) ? [] : [`${JSON.stringify(value)} must be a valid label value`]),
  ];
}

/** IANA_SVC_NAME: ≤15 lower-case alphanumerics and '-', at least one letter, no '--', no '-' at the ends (port names). */
export function ianaSvcName(value: string): string[] {
  const problems = tooLong(value, 15);
  if (!IANA_SVC_NAME.test(value))
    problems.push(
      `${JSON.stringify(value)} must contain only lower-case alphanumerics and '-', alphanumeric at both ends`,
    );
  if (value.includes("--")) problems.push(`${JSON.stringify(value)} must not contain consecutive hyphens`);
  if (!/[a-z]/.test(value)) problems.push(`${JSON.stringify(value)} must contain at least one letter`);
  return problems;
}

/** Environment variable name as Kubernetes 1.30 accepts it. */
export function envVarName(value: string): string[] {
  return ENV_VAR_NAME.test(value)
    ? []
    : [`${JSON.stringify(value)} must consist of letters, digits, '_', '-' or '.', and must not start with a digit`];
}

/** HTTP header name (RFC 7230 token as Kubernetes checks it). */
export function httpHeaderName(value: string): string[] {
  return HTTP_HEADER_NAME.test(value) ? [] : [`${JSON.stringify(value)} must be an HTTP header name ([-A-Za-z0-9]+)`];
}

/** A port number 1-65535. */
export function portNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : [`must be between 1 and 65535, got ${value}`];
}

/** A port given by number (1-65535) or by IANA_SVC_NAME (probe ports, Service targetPort). */
export function portNumOrName(value: number | string): string[] {
  return typeof value === "number" ? portNumber(value) : ianaSvcName(value);
}

/** An int-or-percent value: a non-negative integer or a string of digits followed by '%'; `max100` caps the percentage. */
export function intOrPercent(value: number | string, max100: boolean): string[] {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 0 ? [] : [`must be a non-negative integer, got ${value}`];
  if (!PERCENT.test(value))
    return [`${JSON.stringify(value)} must be an integer or a percentage (digits followed by '%')`];
  return max100 && Number.parseInt(value, 10) > 100 ? [`must not be greater than 100%, got ${value}`] : [];
}

/** True when an int-or-percent value is zero (0 or "0%"). */
export function isZero(value: number | string | undefined): boolean {
  return value === 0 || value === "0%";
}
