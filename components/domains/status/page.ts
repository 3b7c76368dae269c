/**
 * The checks a status page shows: one per endpoint of every service the status planner probes
 * (a stack with `reliability:status`, a service with endpoints and `status.enabled`), with the
 * name, group and timing the page uses. Kener monitors and Gatus endpoints are both built from
 * these, so the two pages and the probes never disagree. Pure.
 */

import type { Plan } from "../../core/plan/types.js";
import type { ResolvedService } from "../../core/spec/service.js";
import type { ResolvedEndpoint, ResolvedStatus } from "./resolved.js";

/** One endpoint as a status page shows and checks it. */
export interface PageCheck {
  /** Service name. */
  readonly service: string;
  /** The endpoint. */
  readonly endpoint: ResolvedEndpoint;
  /** Name shown: the component, with the endpoint's name when the group has another check of that component. */
  readonly name: string;
  /** Status-page group. */
  readonly group: string;
  /** The service's status checks (interval, thresholds, severity, maintenance). */
  readonly status: ResolvedStatus;
}

/**
 * The checks of every probed service, in plan order.
 * @param services the resolved services the plan was made from.
 */
export function pageChecks(plan: Plan, services: readonly ResolvedService[]): PageCheck[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const probed = plan.services.flatMap((p) => {
    const service = byName.get(p.service);
    return p.analysis.status && service ? [service] : [];
  });
  const components = new Map<string, number>();
  const key = (group: string, component: string) => JSON.stringify([group, component]);
  for (const s of probed)
    for (const e of s.status.endpoints) {
      const k = key(s.status.group, e.component);
      components.set(k, (components.get(k) ?? 0) + 1);
    }
  return probed.flatMap((s) =>
    s.status.endpoints.map((endpoint) => ({
      service: s.name,
      endpoint,
      name:
        (components.get(key(s.status.group, endpoint.component)) ?? 0) > 1
          ? `${endpoint.component} (${endpoint.name})`
          : endpoint.component,
      group: s.status.group,
      status: s.status,
    })),
  );
}

/** The status codes that pass an endpoint's check, in words (`any 2xx` when it names none). */
export function describeStatusCodes(codes: readonly number[]): string {
  return codes.length === 0 ? "any 2xx" : codes.join(", ");
}
