/**
 * The ordered steps of a regional failover and failback, from the planned resources' names, so
 * people and chaos drills follow the same procedure.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html
 */

import type { ResolvedService } from "../../core/spec/service.js";
import { CLOUDWATCH_ALARMS, databaseIdentifier } from "../../core/conventions.js";
import { isAurora } from "../../core/engines.js";
import type { DatabaseSettings } from "../database/settings.js";
import type { DnsSettings } from "../dns/settings.js";
import type { FailoverRunbook, RunbookStep } from "./types.js";

type Step = Omit<RunbookStep, "step">;

/** The runbook of a service, or undefined when it has nothing to fail over to. */
export function failoverRunbook(
  service: ResolvedService,
  db: DatabaseSettings | undefined,
  dns: DnsSettings | undefined,
): FailoverRunbook | undefined {
  const from = db?.primaryRegion ?? dns?.primaryRegion;
  const to = db?.secondaryRegions[0] ?? dns?.targets[1]?.region;
  if (!from || !to) return undefined;
  const failover = [...detect(service, dns, from, to), ...(db ? promote(service, db, to) : []), ...verify(dns, to)];
  const failback = [...(db ? switchBack(service, db, from) : []), ...returnTraffic(dns, from)];
  return { from, to, failover: numbered(failover), failback: numbered(failback) };
}

function detect(service: ResolvedService, dns: DnsSettings | undefined, from: string, to: string): Step[] {
  const alarm = CLOUDWATCH_ALARMS.healthCheck(service.name, service.environment, from);
  return [
    ...(dns
      ? [
          {
            action: `Route 53 marks ${from} unhealthy after ${dns.healthCheck.failureThreshold} failed checks ${dns.healthCheck.intervalSeconds} s apart and answers ${dns.name} with ${to}; alarm ${alarm} fires`,
            automatic: true,
          },
        ]
      : []),
    {
      action: `Confirm the regional outage of ${from} and freeze deployments (pulumi up) of ${service.name} until failback`,
      automatic: false,
    },
  ];
}

function promote(service: ResolvedService, db: DatabaseSettings, to: string): Step[] {
  const target = databaseIdentifier(service.name, service.environment, to);
  if (isAurora(db.engine)) {
    return [
      {
        action: `Fail the global cluster ${db.identifier} over to ${target} (accepts losing writes not yet replicated)`,
        command: `aws rds failover-global-cluster --region ${to} --global-cluster-identifier ${db.identifier} --allow-data-loss --target-db-cluster-identifier "$(aws rds describe-db-clusters --region ${to} --db-cluster-identifier ${target} --query 'DBClusters[0].DBClusterArn' --output text)"`,
        automatic: false,
      },
      {
        action: `Wait until ${target} is the writer`,
        command: `aws rds wait db-cluster-available --region ${to} --db-cluster-identifier ${target}`,
        automatic: false,
      },
    ];
  }
  return [
    {
      action: `Promote the read replica ${target} to a standalone writer`,
      command: `aws rds promote-read-replica --region ${to} --db-instance-identifier ${target}`,
      automatic: false,
    },
    {
      action: `Wait until ${target} accepts writes`,
      command: `aws rds wait db-instance-available --region ${to} --db-instance-identifier ${target}`,
      automatic: false,
    },
  ];
}

function verify(dns: DnsSettings | undefined, to: string): Step[] {
  return [
    {
      action: `Check that ${dns?.name ?? "the service"} serves from ${to} and its readiness path answers`,
      automatic: false,
    },
  ];
}

function switchBack(service: ResolvedService, db: DatabaseSettings, from: string): Step[] {
  const original = databaseIdentifier(service.name, service.environment, from);
  if (isAurora(db.engine)) {
    return [
      {
        action: `Once ${from} has recovered, check that ${original} rejoined ${db.identifier} as a secondary and caught up`,
        command: `aws rds describe-global-clusters --global-cluster-identifier ${db.identifier}`,
        automatic: false,
      },
      {
        action: `Switch the global cluster back to ${original} (planned switchover, no data loss)`,
        command: `aws rds switchover-global-cluster --region ${from} --global-cluster-identifier ${db.identifier} --target-db-cluster-identifier "$(aws rds describe-db-clusters --region ${from} --db-cluster-identifier ${original} --query 'DBClusters[0].DBClusterArn' --output text)"`,
        automatic: false,
      },
    ];
  }
  return [
    {
      action: `Once ${from} has recovered, rebuild ${original} as a replica of the promoted instance: set spec.database.primaryRegion to the promoted region and run pulumi up`,
      automatic: false,
    },
    {
      action: `In a maintenance window, promote ${original} back and restore spec.database.primaryRegion to ${from}, then pulumi up`,
      automatic: false,
    },
  ];
}

function returnTraffic(dns: DnsSettings | undefined, from: string): Step[] {
  return [
    ...(dns
      ? [{ action: `Route 53 sees ${from} healthy again and answers ${dns.name} with it`, automatic: true }]
      : []),
    { action: `Check that ${from} serves traffic, then lift the deployment freeze`, automatic: false },
  ];
}

function numbered(steps: readonly Step[]): RunbookStep[] {
  return steps.map((s, i) => ({ step: i + 1, ...s }));
}
