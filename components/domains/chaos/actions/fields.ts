/**
 * Fields and spec fragments several actions share: the latency of a delay, the containers an
 * action hits, the HTTP path of an HTTPChaos and the NetworkChaos direction towards a target.
 */

import { z } from "zod";
import { chaosTargetLabels } from "../../../core/conventions.js";
import { dnsLabel, duration, pattern } from "../../../core/spec/fields.js";
import type { ResolvedService } from "../../../core/spec/service.js";
import type { RenderContext } from "./action.js";

/** `latency`: how long each packet or request is held. */
export const latency = duration(1, 60_000, " of at most 60s").optional();

/** `containerNames`: the containers of the pod the action hits. */
export const containerNames = z
  .array(dnsLabel(63), { error: "must be a list of container names" })
  .min(1, { error: "must list at least one container" })
  .optional();

/** `httpPath`: the request path an HTTP fault applies to (`*`: every path). */
export const httpPath = pattern(
  /^(\/[\x21-\x7e]*|\*)$/,
  "must be an absolute HTTP path such as /checkout or *",
).optional();

/** The containers an action hits: those the experiment names, else the workload's main container. */
export function containersOf(names: readonly string[] | undefined, service: ResolvedService): readonly string[] {
  return names ?? [service.workload.containerName];
}

/** The HTTPChaos fields selecting the service's inbound requests on `path`. */
export function inboundRequests(path: string, { service }: RenderContext): Record<string, unknown> {
  return { target: "Request", port: service.workload.port, path };
}

/** `direction`/`externalTargets`/`target` of a NetworkChaos towards the experiment's target (none: all egress). */
export function networkTarget({ target, namespacePrefix }: RenderContext): Record<string, unknown> {
  if (!target) return { direction: "to" };
  if (target.kind === "service" && target.service) {
    const namespace = `${namespacePrefix}${target.service}`;
    // The target side selects destinations, not victims: every pod of the dependency is cut off.
    return {
      direction: "to",
      target: { mode: "all", selector: { namespaces: [namespace], labelSelectors: chaosTargetLabels(target.service) } },
    };
  }
  return { direction: "to", externalTargets: [target.host ?? target.name] };
}
