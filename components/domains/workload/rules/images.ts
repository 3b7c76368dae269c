/**
 * Image rule: every container states its pull policy, and the policy fits what the image reference
 * pins (`pullPolicyFor`): a pinned image is reused from the node, a mutable one is pulled each start.
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 * @see https://github.com/zegl/kube-score/blob/master/README_CHECKS.md
 * @see https://polaris.docs.fairwinds.com/checks/reliability/
 */

import { z } from "zod";
import { imagePin, pullPolicyFor, type ImagePin } from "../../../core/images.js";
import { resourceRule, must } from "../../../core/policy/framework.js";
import { KUBE } from "../../../core/policy/kube.js";
import { isUnknown, str } from "../../../core/policy/values.js";
import { perContainer, where } from "./containers.js";

/** Why a pull policy other than the expected one is a risk, by what the image pins and the policy found. */
function risk(pin: ImagePin, policy: string | undefined): string {
  if (policy === undefined)
    return "Kubernetes then fills it in from the tag alone at admission, so the object under review does not say whether a restart needs the registry";
  if (pin === "mutable")
    return "a node that pulled the tag before keeps starting that old image: pods of one Deployment run different code, and a new push never reaches nodes that hold the tag";
  if (policy === "Never")
    return "a pod placed on a node that does not hold the image yet (a new node after a scale-up or a node failure) never starts (ErrImageNeverPull)";
  return "every container start then needs the registry: during a registry outage or rate limit a crashed container, or a pod moved off a failed node, cannot start although the node may already hold the exact image";
}

const PIN_TEXT: Readonly<Record<ImagePin, string>> = {
  digest: "an image pinned by digest",
  tag: "an image pinned by a version tag",
  mutable: "a mutable image reference (latest or no tag)",
};

/** An explicit pull policy that fits the image reference: IfNotPresent when pinned, Always when mutable. */
export const imagePullPolicy = resourceRule("workload", {
  name: "image-pull-policy-explicit",
  fix: "Keep the planned imagePullPolicy (IfNotPresent for a version tag or digest in spec.workload.image, Always only for a mutable tag, which image-pinned refuses), or remove the override that changes it.",
  anchor:
    "kube-score container-image-pull-policy; Polaris pullPolicyNotAlways: both want Always, but for an image pinned by tag or digest Always makes the registry a dependency of every restart, so a pinned image uses IfNotPresent and only a mutable one (never in production) Always.",
  description:
    "Every container states imagePullPolicy: IfNotPresent for an image pinned by version tag or digest, Always for a mutable reference.",
  types: [KUBE.deployment],
  config: z.object({}),
  check: (subject) =>
    perContainer(subject, (c) => {
      const image = str(c.body, "image");
      const policy = str(c.body, "imagePullPolicy");
      if (isUnknown(image) || isUnknown(policy) || image === undefined) return [];
      const expected = pullPolicyFor(image);
      if (policy === expected) return [];
      const pin = imagePin(image);
      return [
        {
          resource: subject.key,
          path: "spec.workload.image",
          message: must(
            where(subject, c),
            `set imagePullPolicy: ${expected} for ${PIN_TEXT[pin]} (${JSON.stringify(image)}), got ${policy ?? "none"}`,
            risk(pin, policy),
          ),
        },
      ];
    }),
});

/** The image rules. */
export const IMAGE_RULES = [imagePullPolicy];
