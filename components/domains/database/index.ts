/**
 * The database domain: multi-region replication on AWS (Aurora Global Database, RDS cross-region
 * read replicas), encryption, backups and the replication alarms.
 */

import { DATABASE_FIELD_DOCS } from "./field-docs.js";
import type { DomainModule } from "../../core/module.js";
import { databaseChecks } from "./checks.js";
import { databasePlanner } from "./plan.js";
import { DATABASE_RULES } from "./rules.js";
import { DATABASE_SAFETY_RULES } from "./rules-safety.js";
import { KEY_RULES } from "./rules-keys.js";
import { resolveDatabase, type DatabaseSettings } from "./settings.js";
import { databaseSchema, type DatabaseInput } from "./schema.js";
import type { DatabaseSummary } from "./types.js";

declare module "../../core/spec/service.js" {
  interface SpecSections {
    /** Engine, version, instance class, primary and secondary regions. */
    readonly database?: DatabaseInput;
  }
  interface ResolvedSections {
    /** Database settings with the tier and environment defaults applied. */
    readonly database?: DatabaseSettings;
  }
}

declare module "../../core/plan/types.js" {
  interface ServiceAnalysis {
    /** The database's regions, writer and replication. */
    readonly database?: DatabaseSummary;
  }
}

/** The database domain module. */
export const database: DomainModule = {
  name: "database",
  sections: { database: databaseSchema.optional() },
  fieldDocs: DATABASE_FIELD_DOCS,
  resolve: (input, { base }) =>
    input.spec.database === undefined ? {} : { database: resolveDatabase(input.spec.database, base) },
  checks: databaseChecks,
  plan: databasePlanner,
  rules: [...DATABASE_RULES, ...DATABASE_SAFETY_RULES, ...KEY_RULES],
};
