/**
 * What the prometheus-operator (v0.93, `alertmanagerConfigMatcherStrategy: OnNamespace`) makes of
 * AlertmanagerConfig objects, reproduced so the result can be checked by `amtool check-config` and
 * run by a real Alertmanager: each object's route becomes a `continue: true` child of the root
 * route with a `namespace="<object namespace>"` matcher, receivers are renamed
 * `<namespace>/<object name>/<receiver>`, inhibit rules get the namespace matcher on both sides,
 * and secret references are resolved (here to placeholders). An unset field stays unset, so
 * Alertmanager applies its own default, as it does behind the operator. Fields the conversion does
 * not know are an error, never silently dropped.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.AlertmanagerConfig
 * @see https://prometheus.io/docs/alerting/0.25/configuration/
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

/** A `{ name, key }` reference to a Secret in the object's namespace. */
export interface SecretKeyRef {
  /** Secret name. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** A v1alpha1 matcher. */
export interface CrMatcher {
  /** Label name. */
  readonly name: string;
  /** Label value or regular expression. */
  readonly value: string;
  /** `=`, `!=`, `=~` or `!~` (default `=`). */
  readonly matchType?: string;
}

/** A v1alpha1 route. */
export interface CrRoute {
  /** Receiver name (in the same object). */
  readonly receiver?: string;
  /** Labels to group by. */
  readonly groupBy?: readonly string[];
  /** Group timing. */
  readonly groupWait?: string;
  /** Group timing. */
  readonly groupInterval?: string;
  /** Repeat timing. */
  readonly repeatInterval?: string;
  /** Matchers. */
  readonly matchers?: readonly CrMatcher[];
  /** Whether matching continues with the next sibling. */
  readonly continue?: boolean;
  /** Child routes. */
  readonly routes?: readonly CrRoute[];
}

/** `AlertmanagerConfig.spec` as far as the conversion reads it. */
export interface CrSpec {
  /** Top route. */
  readonly route?: CrRoute;
  /** Receivers, each with its integrations. */
  readonly receivers?: readonly Record<string, unknown>[];
  /** Inhibit rules. */
  readonly inhibitRules?: readonly {
    readonly sourceMatch?: readonly CrMatcher[];
    readonly targetMatch?: readonly CrMatcher[];
    readonly equal?: readonly string[];
  }[];
}

/** An AlertmanagerConfig object. */
export interface AlertmanagerConfigObject {
  /** Name and namespace. */
  readonly metadata: { readonly name: string; readonly namespace: string };
  /** The spec. */
  readonly spec: CrSpec;
}

/** Resolves a secret reference of an object's namespace; `url` says whether the value must be a URL. */
export type SecretResolver = (namespace: string, ref: SecretKeyRef, url: boolean) => string;

/** Options of the conversion. */
export interface ConvertOptions {
  /** Replaces every top-level route's group wait and interval (a live test cannot wait minutes). */
  readonly timing?: { readonly groupWait: string; readonly groupInterval: string };
  /** Secret values; default {@link placeholderSecret}. */
  readonly secret?: SecretResolver;
}

/** A placeholder for a secret value: a URL under the reserved `.invalid` domain, or a token naming the secret. */
export const placeholderSecret: SecretResolver = (namespace, ref, url) =>
  url
    ? `https://secret.invalid/${encodeURIComponent(namespace)}/${encodeURIComponent(ref.name)}/${encodeURIComponent(ref.key)}`
    : `placeholder-${namespace}-${ref.name}-${ref.key}`;

type Obj = Record<string, unknown>;

function only(object: object, known: readonly string[], what: string): void {
  const extra = Object.keys(object).filter((k) => !known.includes(k));
  if (extra.length > 0)
    throw new Error(`the operator conversion does not support ${what} field(s) ${extra.join(", ")}`);
}

const matcher = (m: CrMatcher): string => {
  only(m, ["name", "value", "matchType"], "matcher");
  return `${m.name}${m.matchType ?? "="}${JSON.stringify(m.value)}`;
};

function route(
  r: CrRoute,
  rename: (n: string) => string,
  top: { readonly namespace: string; readonly timing?: ConvertOptions["timing"] } | undefined,
): Obj {
  only(
    r,
    ["receiver", "groupBy", "groupWait", "groupInterval", "repeatInterval", "matchers", "continue", "routes"],
    "route",
  );
  const timing = top?.timing;
  return {
    ...(r.receiver ? { receiver: rename(r.receiver) } : {}),
    ...(r.groupBy ? { group_by: r.groupBy } : {}),
    ...(timing ? { group_wait: timing.groupWait, group_interval: timing.groupInterval } : {}),
    ...(!timing && r.groupWait ? { group_wait: r.groupWait } : {}),
    ...(!timing && r.groupInterval ? { group_interval: r.groupInterval } : {}),
    ...(r.repeatInterval ? { repeat_interval: r.repeatInterval } : {}),
    matchers: [
      ...(top ? [matcher({ name: "namespace", value: top.namespace })] : []),
      ...(r.matchers ?? []).map(matcher),
    ],
    ...(top ? { continue: true } : r.continue !== undefined ? { continue: r.continue } : {}),
    ...(r.routes ? { routes: r.routes.map((child) => route(child, rename, undefined)) } : {}),
  };
}

type Secret = (ref: SecretKeyRef, url: boolean) => string;

/** An integration's `httpConfig`, as far as the conversion knows it: the `authorization` header from a Secret. */
function httpConfig(c: Obj, secret: Secret): Obj {
  only(c, ["authorization"], "httpConfig");
  const auth = c["authorization"] as Obj | undefined;
  if (!auth) return {};
  only(auth, ["type", "credentials"], "httpConfig.authorization");
  return {
    authorization: {
      type: auth["type"] ?? "Bearer",
      credentials: secret(auth["credentials"] as SecretKeyRef, false),
    },
  };
}

const INTEGRATIONS: Readonly<Record<string, (c: Obj, secret: Secret) => [string, Obj]>> = {
  webhookConfigs: (c, secret) => {
    only(c, ["url", "urlSecret", "sendResolved", "maxAlerts", "httpConfig"], "webhookConfigs");
    const url = c["urlSecret"] ? secret(c["urlSecret"] as SecretKeyRef, true) : c["url"];
    return [
      "webhook_configs",
      {
        url,
        send_resolved: c["sendResolved"],
        ...(c["maxAlerts"] !== undefined ? { max_alerts: c["maxAlerts"] } : {}),
        ...(c["httpConfig"] ? { http_config: httpConfig(c["httpConfig"] as Obj, secret) } : {}),
      },
    ];
  },
  slackConfigs: (c, secret) => {
    only(c, ["apiURL", "channel", "username", "sendResolved", "title", "text"], "slackConfigs");
    const optional = Object.fromEntries(
      (["channel", "username", "title", "text"] as const).filter((k) => c[k] !== undefined).map((k) => [k, c[k]]),
    );
    return [
      "slack_configs",
      {
        api_url: c["apiURL"] ? secret(c["apiURL"] as SecretKeyRef, true) : undefined,
        send_resolved: c["sendResolved"],
        ...optional,
      },
    ];
  },
  pagerdutyConfigs: (c, secret) => {
    only(c, ["routingKey", "serviceKey", "sendResolved", "severity", "url"], "pagerdutyConfigs");
    const key = c["routingKey"]
      ? { routing_key: secret(c["routingKey"] as SecretKeyRef, false) }
      : c["serviceKey"]
        ? { service_key: secret(c["serviceKey"] as SecretKeyRef, false) }
        : {};
    return [
      "pagerduty_configs",
      {
        ...key,
        send_resolved: c["sendResolved"],
        ...(c["severity"] ? { severity: c["severity"] } : {}),
        ...(c["url"] ? { url: c["url"] } : {}),
      },
    ];
  },
};

function receiver(r: Obj, rename: (n: string) => string, secret: Secret): Obj {
  only(r, ["name", ...Object.keys(INTEGRATIONS)], "receiver");
  const out: Obj = { name: rename(String(r["name"])) };
  for (const [field, convert] of Object.entries(INTEGRATIONS)) {
    const configs = r[field] as Obj[] | undefined;
    if (!configs) continue;
    const converted = configs.map((c) => convert(c, secret));
    out[converted[0]?.[0] ?? field] = converted.map(([, v]) => JSON.parse(JSON.stringify(v)) as Obj);
  }
  return out;
}

/** The alertmanager.yml the operator generates for a set of AlertmanagerConfig objects (on top of its default `null` root receiver). */
export function operatorConfig(objects: readonly AlertmanagerConfigObject[], options: ConvertOptions = {}): Obj {
  const resolve = options.secret ?? placeholderSecret;
  const parts = objects.map(({ metadata: { namespace, name }, spec }) => {
    only(spec, ["route", "receivers", "inhibitRules"], "AlertmanagerConfig spec");
    const rename = (r: string): string => `${namespace}/${name}/${r}`;
    const secret: Secret = (ref, url) => resolve(namespace, ref, url);
    const ns = matcher({ name: "namespace", value: namespace });
    return {
      route: spec.route
        ? [route(spec.route, rename, { namespace, ...(options.timing ? { timing: options.timing } : {}) })]
        : [],
      receivers: (spec.receivers ?? []).map((r) => receiver(r, rename, secret)),
      inhibit: (spec.inhibitRules ?? []).map((i) => ({
        source_matchers: [ns, ...(i.sourceMatch ?? []).map(matcher)],
        target_matchers: [ns, ...(i.targetMatch ?? []).map(matcher)],
        ...(i.equal ? { equal: i.equal } : {}),
      })),
    };
  });
  return {
    route: { receiver: "null", group_by: ["alertname"], routes: parts.flatMap((p) => p.route) },
    receivers: [{ name: "null" }, ...parts.flatMap((p) => p.receivers)],
    inhibit_rules: parts.flatMap((p) => p.inhibit),
  };
}

/** Result of an amtool run. */
export interface AmtoolResult {
  /** Exit status (`null` when amtool could not run). */
  readonly status: number | null;
  /** stdout and stderr, or why it could not run. */
  readonly output: string;
}

/** Writes a configuration to a temporary file and runs `amtool check-config` on it (Debian's prometheus-alertmanager ships amtool). */
export function amtoolCheckConfig(config: object, timeoutMs = 30_000): AmtoolResult {
  const dir = mkdtempSync(join(tmpdir(), "amtool-"));
  const file = join(dir, "alertmanager.yml");
  writeFileSync(file, stringify(config, { lineWidth: 0 }));
  const run = spawnSync("amtool", ["check-config", file], { encoding: "utf8", timeout: timeoutMs });
  rmSync(dir, { recursive: true, force: true });
  if (run.error)
    return {
      status: null,
      output: `amtool could not run (${run.error.message}); install Debian's prometheus-alertmanager`,
    };
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
