/**
 * Container image references: what a reference pins, and the pull policy every planned container
 * gets from it. Pure; imports nothing else of the project.
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */

/**
 * What an image reference pins: `digest` (`@sha256:…`, the content itself), `tag` (a version tag such
 * as `1.8.2`, treated as immutable: the registry should refuse to overwrite it) or `mutable` (`latest`,
 * or no tag at all, which the runtime reads as `latest`).
 */
export type ImagePin = "digest" | "tag" | "mutable";

/** The kubelet's image pull policies. */
export type PullPolicy = "Always" | "IfNotPresent" | "Never";

/** The tag the runtime assumes when a reference names none, and the one tag that is mutable by convention. */
const LATEST = "latest";

/** The tag of a reference (after the last `:` of its last path segment, so a registry port is not a tag), or "" when none. */
export function imageTag(image: string): string {
  const name = (image.split("/").pop() ?? "").split("@")[0] ?? "";
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(colon + 1);
}

/** What `image` pins. */
export function imagePin(image: string): ImagePin {
  if ((image.split("/").pop() ?? "").includes("@")) return "digest";
  const tag = imageTag(image);
  return tag === "" || tag === LATEST ? "mutable" : "tag";
}

/**
 * The pull policy of a planned container. A pinned image (digest or version tag) is pulled once per
 * node and reused, so a container that restarts, or a pod rescheduled to a node that already ran it,
 * starts while the registry is down or rate-limiting; a mutable reference is pulled on every start,
 * or nodes would keep running whatever `latest` meant when they first pulled it.
 * Kubernetes' own default is the same split when the field is absent, but only at admission, from the
 * tag alone; the plan states it so the rendered object says what runs and a check can compare it.
 * @default IfNotPresent for a digest or version tag, Always for `latest` or no tag
 * @see https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting
 */
export function pullPolicyFor(image: string): Exclude<PullPolicy, "Never"> {
  return imagePin(image) === "mutable" ? "Always" : "IfNotPresent";
}
