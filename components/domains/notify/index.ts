/**
 * The notify domain: where the CloudWatch alarms of the AWS resources (health checks, replication)
 * notify, from the stack's `reliability:alarms`.
 */

import type { DomainModule } from "../../core/module.js";
import { notifyPlanner } from "./plan.js";
import { NOTIFY_RULES } from "./rules.js";

/** The notify domain module. */
export const notify: DomainModule = {
  name: "notify",
  sections: {},
  resolve: () => ({}),
  checks: [],
  plan: notifyPlanner,
  rules: NOTIFY_RULES,
};
