/**
 * Looks up the `kubernetes-models` class of a built-in Kubernetes kind by apiVersion and kind,
 * and validates objects against the upstream OpenAPI schema it carries.
 * @see https://github.com/tommy351/kubernetes-models-ts
 */

/** A kubernetes-models class: constructs a model and validates it (throws on a schema violation). */
export interface ModelClass {
  /** apiVersion the class models. */
  readonly apiVersion: string;
  /** Kind the class models. */
  readonly kind: string;
  new (data: object): { validate(): void };
}

/** True for API groups Kubernetes itself serves (core, apps, policy, *.k8s.io, ...); false for CRD groups. */
export function isBuiltInGroup(apiVersion: string): boolean {
  const group = apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io");
}

/** The model class for a built-in kind, or `undefined` when kubernetes-models has none. */
export async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  try {
    const module = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}/${kind}`)) as Record<
      string,
      unknown
    >;
    const model = module[kind] as ModelClass | undefined;
    return model && model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
  } catch {
    return undefined;
  }
}

/** Validates an object; returns the schema errors, or `[]` when valid. */
export async function schemaErrors<T extends { readonly apiVersion: string; readonly kind: string }>(
  object: T,
): Promise<string[]> {
  const model = await modelFor(object.apiVersion, object.kind);
  if (!model) return [`no kubernetes-models class for ${object.apiVersion} ${object.kind}`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
