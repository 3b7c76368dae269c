import { CONTAINER_RULES } from "./containers.js";
import { SCALING_RULES } from "./scaling.js";

/** Every workload rule: per Deployment, then across a service's workload objects. */
export const WORKLOAD_RULES = [...CONTAINER_RULES, ...SCALING_RULES];
