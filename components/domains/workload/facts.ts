import type { ResolvedService } from "../../core/spec/service.js";
import type { SpecFacts } from "../../core/policy/types.js";

/** The spec facts rules compare resources against, taken from a resolved service. */
export function specFacts(service: ResolvedService): SpecFacts {
  return {
    maxStartupSeconds: service.workload.maxStartupSeconds,
    dependencies: service.dependencies.map((d) => ({
      name: d.name,
      ...(d.host === undefined ? {} : { host: d.host }),
      ...(d.port === undefined ? {} : { port: d.port }),
    })),
    rtoMs: service.objectives.rtoMs,
    rpoMs: service.objectives.rpoMs,
  };
}
