import { awsRds } from "./rds.js";
import { awsRoute53HealthCheck, awsRoute53Record } from "./route53.js";
import { awsAlarms, awsKeysAndSecrets, awsTags } from "./monitoring.js";

/**
 * The AWS-constraint rules: what AWS's APIs refuse, checked on the plan's AWS resources before
 * anything is deployed, by the offline check and the CrossGuard pack alike.
 */
export const AWS_RULES = [awsRoute53HealthCheck, awsRoute53Record, awsRds, awsAlarms, awsKeysAndSecrets, awsTags];

export { AWS_TYPES, type AwsConstraint } from "../../core/policy/aws-constraint.js";
export { awsAlarms, awsKeysAndSecrets, awsRds, awsRoute53HealthCheck, awsRoute53Record, awsTags };
