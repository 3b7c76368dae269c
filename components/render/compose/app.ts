import { DEFAULTS } from "../../core/defaults.js";
import type { ResolvedService } from "../../core/spec/service.js";
import { cpuMillicores, memoryBytes } from "../../core/units.js";
import { seconds, workloadHealthcheck } from "./healthcheck.js";
import type { ComposeDependency, ComposeService } from "./types.js";

/**
 * A service's own container, as close to its Kubernetes pod as Docker allows: same image,
 * command, environment, health check, user, read-only root filesystem with the same writable
 * paths, dropped capabilities, memory limit and shutdown grace.
 * @see https://docs.docker.com/reference/compose-file/services/
 */
export function appService(
  service: ResolvedService,
  ports: readonly string[],
  dependsOn: readonly string[],
): ComposeService {
  const w = service.workload;
  const env = Object.entries(w.env).sort(([a], [b]) => a.localeCompare(b));
  const memLimit = dockerBytes(w.resources.memoryLimit);
  const cpus = w.resources.cpuLimit === undefined ? undefined : cpuMillicores(w.resources.cpuLimit);
  return {
    image: w.image,
    ...(w.command ? { entrypoint: [...w.command] } : {}),
    ...(w.args ? { command: [...w.args] } : {}),
    ...(env.length > 0 ? { environment: Object.fromEntries(env) } : {}),
    ports,
    healthcheck: workloadHealthcheck(w),
    restart: "unless-stopped",
    ...(dependsOn.length > 0
      ? {
          depends_on: Object.fromEntries(
            dependsOn.map((d): [string, ComposeDependency] => [d, { condition: "service_healthy" }]),
          ),
        }
      : {}),
    user: `${DEFAULTS.runAsUser}:${DEFAULTS.runAsUser}`,
    read_only: true,
    ...(w.writablePaths.length > 0 ? { tmpfs: [...w.writablePaths] } : {}),
    cap_drop: ["ALL"],
    security_opt: ["no-new-privileges:true"],
    stop_grace_period: seconds(w.shutdown.terminationGracePeriodSeconds),
    ...(memLimit ? { mem_limit: memLimit } : {}),
    ...(cpus === undefined ? {} : { cpus: String(cpus / 1000) }),
  };
}

/** A Kubernetes memory quantity in Docker's byte units (`512Mi` → `512m`, `1Gi` → `1g`, `500M` → `500000k`). */
export function dockerBytes(quantity: string): string | undefined {
  const bytes = memoryBytes(quantity);
  if (bytes === undefined) return undefined;
  for (const [unit, size] of [
    ["g", 1024 ** 3],
    ["m", 1024 ** 2],
    ["k", 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}
