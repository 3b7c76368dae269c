/**
 * What AWS will refuse in the resources a spec plans, reported at the spec field that causes it:
 * RDS identifiers built from the service name, Aurora instance classes, the health-check path,
 * tags made from the service's labels, and alarms with nowhere to notify.
 */

import { TAG_KEY_MAX } from "../../core/aws/common.js";
import { type AwsLimit } from "../../core/aws/limit.js";
import { auroraInstanceClassLimit, rdsIdentifierLimit } from "../../core/aws/rds.js";
import { HEALTH_CHECK_TAGS_MAX, HEALTH_CHECK_TEXT_MAX, ROUTE53_REGION } from "../../core/aws/route53.js";
import { awsTags, databaseIdentifier } from "../../core/conventions.js";
import { isAurora } from "../../core/engines.js";
import { alarmRegions, stackAlarmTopics } from "../notify/settings.js";
import { databaseRegions } from "../database/settings.js";
import type { SpecCheck, SpecIssue } from "../../core/spec/checks.js";
import { quote } from "../../core/spec/errors.js";

function issue(path: SpecIssue["path"], limit: AwsLimit, got: string): SpecIssue {
  return { path, message: `must ${limit.must} because ${limit.because}, got ${got}` };
}

/** Every RDS identifier the database planner derives from the service name and environment. */
function rdsIdentifiers(service: Parameters<SpecCheck>[0]["service"]): string[] {
  const db = service.database;
  if (!db) return [];
  const regional = databaseRegions(db).map((r) => databaseIdentifier(service.name, service.environment, r));
  const instances = isAurora(db.engine)
    ? regional.flatMap((id) => Array.from({ length: db.instances }, (_, i) => `${id}-${i + 1}`))
    : [];
  const global = isAurora(db.engine) && db.secondaryRegions.length > 0 ? [db.identifier] : [];
  return [...global, ...regional, ...instances];
}

const rdsIdentifiersValid: SpecCheck = ({ service }) => {
  const bad = rdsIdentifiers(service)
    .map((id) => [id, rdsIdentifierLimit(id)] as const)
    .find(([, limit]) => limit);
  if (!bad?.[1]) return [];
  const [id, limit] = bad;
  const must = `give RDS identifiers AWS accepts with environment ${quote(service.environment)}: ${quote(id)} must ${limit.must}`;
  return [issue(["metadata", "name"], { must, because: limit.because }, quote(service.name))];
};

const auroraInstanceClass: SpecCheck = ({ service }) => {
  const db = service.database;
  if (!db || !isAurora(db.engine)) return [];
  const limit = auroraInstanceClassLimit(db.instanceClass, (db.secondaryRegions ?? []).length > 0);
  return limit ? [issue(["spec", "database", "instanceClass"], limit, JSON.stringify(db.instanceClass))] : [];
};

const healthCheckPath: SpecCheck = ({ service, input }) => {
  if (!service.dns) return [];
  const path = service.dns.healthCheck.path;
  if (path === undefined || path.length <= HEALTH_CHECK_TEXT_MAX) return [];
  const declared = input.spec.dns?.healthCheck?.path !== undefined;
  const at = declared ? ["spec", "dns", "healthCheck", "path"] : ["spec", "workload", "probes", "readiness"];
  const limit = {
    must: `be a health-check path of at most ${HEALTH_CHECK_TEXT_MAX} characters${declared ? "" : " (the DNS health check requests the readiness path; set spec.dns.healthCheck.path to a shorter one)"}`,
    because: "Route 53 rejects a longer resource path",
  };
  return [issue(at, limit, `${path.length} characters`)];
};

const labelsFitTags: SpecCheck = ({ service }) => {
  if (!service.database && !service.dns) return [];
  const issues: SpecIssue[] = Object.keys(service.labels)
    .filter((key) => key.length > TAG_KEY_MAX)
    .map((key) =>
      issue(
        ["metadata", "labels", key],
        {
          must: `have keys of at most ${TAG_KEY_MAX} characters`,
          because: "every label becomes a tag of the service's AWS resources and AWS rejects longer tag keys",
        },
        `${key.length} characters`,
      ),
    );
  if (service.dns) {
    const count = Object.keys(awsTags(service, ROUTE53_REGION)).length;
    if (count > HEALTH_CHECK_TAGS_MAX) {
      const own = count - Object.keys(service.labels).length;
      const limit = {
        must: `have at most ${HEALTH_CHECK_TAGS_MAX - own} labels when spec.dns is set (each Route 53 health check carries them as tags next to the ${own} tags every resource gets)`,
        because: `Route 53 accepts at most ${HEALTH_CHECK_TAGS_MAX} tags on a health check`,
      };
      issues.push(issue(["metadata", "labels"], limit, `${Object.keys(service.labels).length} labels`));
    }
  }
  return issues;
};

const alarmsCanNotify: SpecCheck = ({ service, stack }) => {
  if (!stack) return [];
  return alarmRegions(service)
    .filter((r) => !stackAlarmTopics(stack, r.region) && !stack.alarms?.accountId)
    .map((r): SpecIssue => ({
      path: r.path,
      message: `must have somewhere to notify for its CloudWatch alarms in ${quote(r.region)}: set reliability:alarms.topics.<region> (existing SNS topics) or reliability:alarms.accountId (the plan then creates an encrypted topic with reliability:alarms.subscriptions) in stack ${stack.stack}, because an alarm nobody hears does not shorten an outage; got neither`,
    }));
};

/** Every check of AWS limits on the resources a spec plans. */
export const awsChecks: readonly SpecCheck[] = [
  rdsIdentifiersValid,
  auroraInstanceClass,
  healthCheckPath,
  labelsFitTags,
  alarmsCanNotify,
];
