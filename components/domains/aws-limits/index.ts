/**
 * What AWS's APIs refuse (name lengths, allowed intervals, tag limits), checked on the spec and on
 * the planned AWS resources of every domain, before anything is deployed.
 */

import type { DomainModule } from "../../core/module.js";
import { awsChecks } from "./checks.js";
import { AWS_RULES } from "./rules.js";

/** The AWS-limits module. */
export const awsLimits: DomainModule = {
  name: "aws-limits",
  sections: {},
  resolve: () => ({}),
  checks: awsChecks,
  rules: AWS_RULES,
};
