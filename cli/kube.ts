/**
 * Sends the control commands' JSON merge patches to the stack's clusters through the Kubernetes API
 * (`@kubernetes/client-node`), one cluster at a time, and reports per cluster what was applied and
 * what failed. Every request is bounded in time.
 * @see https://github.com/kubernetes-client/javascript
 */

import type * as K8s from "@kubernetes/client-node" with { "resolution-mode": "import" };
import type { ClusterChange, ControlPatch, ControlTarget } from "../components/domains/chaos/control-change.js";
import { controlStateOf, type ControlState } from "../components/domains/chaos/control.js";
import { CHAOS_CONTROL } from "../components/core/chaos-conventions.js";

/** What happened in one cluster. */
export interface ClusterResult {
  /** Region of the cluster. */
  readonly region: string;
  /** kubeconfig context used. */
  readonly context: string;
  /** Patches the API server accepted, as `<kind> <namespace>/<name>`. */
  readonly applied: readonly string[];
  /** The first error, when the cluster was not changed completely. */
  readonly error?: string;
}

type Client = typeof K8s;

const CHAOS_MESH = { group: "chaos-mesh.org", version: "v1alpha1", plural: "schedules" } as const;

/** A readable reason from a client error (API status message, else the error's own message). */
function reason(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string; name?: string };
  if (e.name === "AbortError" || /aborted/i.test(e.message ?? "")) return "no answer within the time limit";
  try {
    const body = typeof e.body === "string" ? (JSON.parse(e.body) as { message?: string }) : undefined;
    if (typeof e.code === "number") return `HTTP ${e.code}${body?.message ? `: ${body.message}` : ""}`;
  } catch {
    if (typeof e.code === "number") return `HTTP ${e.code}`;
  }
  return e.message ?? String(error);
}

/** Loads the kubeconfig (the stack's file, else `$KUBECONFIG` or `~/.kube/config`) at the cluster's context. */
function kubeConfig(
  k8s: Client,
  cluster: Pick<ClusterChange, "region" | "context" | "kubeconfig">,
): InstanceType<Client["KubeConfig"]> {
  const config = new k8s.KubeConfig();
  if (cluster.kubeconfig) config.loadFromFile(cluster.kubeconfig);
  else config.loadFromDefault();
  if (!config.getContextObject(cluster.context))
    throw new Error(
      `kubeconfig has no context "${cluster.context}" (reliability:regions.${cluster.region}.kubernetes.context); it has: ${config.contexts.map((c) => c.name).join(", ") || "none"}`,
    );
  config.setCurrentContext(cluster.context);
  return config;
}

/** Request options that set a header and abort the request after `timeoutMs`. */
function bounded(k8s: Client, header: string, value: string, timeoutMs: number) {
  const signal = AbortSignal.timeout(timeoutMs);
  const set = k8s.setHeaderMiddleware(header, value);
  return {
    middleware: [{ pre: (r: Parameters<typeof set.pre>[0]) => (r.setSignal(signal), set.pre(r)), post: set.post }],
    middlewareMergeStrategy: "append" as const,
  };
}

/** Applies one patch, aborting it after `timeoutMs`. */
async function send(k8s: Client, config: InstanceType<Client["KubeConfig"]>, p: ControlPatch, timeoutMs: number) {
  const options = bounded(k8s, "Content-Type", k8s.PatchStrategy.MergePatch, timeoutMs);
  const target = { name: p.name, namespace: p.namespace, body: p.patch };
  if (p.kind === "ConfigMap") await config.makeApiClient(k8s.CoreV1Api).patchNamespacedConfigMap(target, options);
  else
    await config.makeApiClient(k8s.CustomObjectsApi).patchNamespacedCustomObject({ ...CHAOS_MESH, ...target }, options);
}

/** Applies a cluster's patches in order; stops at the first failure and says which patches went through. */
export async function applyCluster(cluster: ClusterChange, timeoutMs: number): Promise<ClusterResult> {
  const k8s = await import("@kubernetes/client-node");
  const applied: string[] = [];
  const base = { region: cluster.region, context: cluster.context };
  let config: InstanceType<Client["KubeConfig"]>;
  try {
    config = kubeConfig(k8s, cluster);
  } catch (error) {
    return { ...base, applied, error: reason(error) };
  }
  try {
    for (const p of cluster.patches) {
      await send(k8s, config, p, timeoutMs);
      applied.push(`${p.kind} ${p.namespace}/${p.name}`);
    }
    return { ...base, applied };
  } catch (error) {
    const at = cluster.patches[applied.length];
    const where = at ? ` at ${at.kind} ${at.namespace}/${at.name}` : "";
    return { ...base, applied, error: `${reason(error)}${where}` };
  }
}

/** The control states a cluster holds now, per service; a service whose ConfigMap is missing or unreadable has none. */
export async function readControlStates(
  target: ControlTarget,
  timeoutMs: number,
): Promise<{ readonly states: ReadonlyMap<string, ControlState>; readonly error?: string }> {
  const k8s = await import("@kubernetes/client-node");
  const states = new Map<string, ControlState>();
  try {
    const api = kubeConfig(k8s, target).makeApiClient(k8s.CoreV1Api);
    for (const { service, namespace } of target.services) {
      const options = bounded(k8s, "Accept", "application/json", timeoutMs);
      const found = await api.readNamespacedConfigMap({ name: CHAOS_CONTROL.configMap, namespace }, options);
      const state = controlStateOf(service, found.data ?? {});
      if (state) states.set(service, state);
    }
    return { states };
  } catch (error) {
    return { states, error: reason(error) };
  }
}
