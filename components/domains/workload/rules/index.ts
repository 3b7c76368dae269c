import { AUTOSCALING_RULES } from "./autoscaling.js";
import { CONTAINER_RULES } from "./containers.js";
import { HARDENING_RULES } from "./hardening.js";
import { IMAGE_RULES } from "./images.js";
import { ISOLATION_RULES } from "./isolation.js";
import { SCALING_RULES } from "./scaling.js";

/** Every workload rule: per Deployment, then across a service's workload objects, then hardening, isolation and autoscaling. */
export const WORKLOAD_RULES = [
  ...CONTAINER_RULES,
  ...IMAGE_RULES,
  ...SCALING_RULES,
  ...HARDENING_RULES,
  ...ISOLATION_RULES,
  ...AUTOSCALING_RULES,
];
