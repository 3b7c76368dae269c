/**
 * The real program (`index.ts` through `@pulumi/pulumi/cmd/run`, launched as the Node.js language
 * host launches it) against a loopback engine, for every stack in preview and update mode.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELIABLE_SERVICE_TYPE } from "../../components/core/conventions.js";
import { SHARED_RESOURCES_NAME, SHARED_RESOURCES_TYPE } from "../../components/core/shared-names.js";
import type { Plan, PlannedResource } from "../../components/core/plan/types.js";
import { dependenciesOf } from "../../components/pulumi/order.js";
import { planExamples, ROOT, STACKS } from "../support/project.js";
import { providerUrn, urnName, type Registration } from "./support/engine.js";
import {
  compareInputs,
  plainStrings,
  plannedResources,
  resourceId,
  secretRefsOf,
  secretStrings,
} from "./support/expected.js";
import { killAll } from "./support/langhost.js";
import { bootProgram, inPool, type Boot } from "./support/session.js";

const RUNS = STACKS.flatMap((stack) => [
  { stack, dryRun: true, mode: "preview" },
  { stack, dryRun: false, mode: "update" },
]);

const boots = new Map<string, { boot: Boot; plan: Plan }>();
const keyOf = (stack: string, dryRun: boolean): string => `${stack}/${dryRun}`;

beforeAll(async () => {
  await inPool(RUNS, 2, async ({ stack, dryRun }) => {
    const { plan } = planExamples(stack);
    boots.set(keyOf(stack, dryRun), { boot: await bootProgram({ dir: ROOT, stack, dryRun, plan }), plan });
  });
}, 240_000);

afterAll(() => killAll());

const custom = (boot: Boot): Registration[] =>
  boot.record.registrations.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));

/** Unplanned custom resources that a planned resource holding a secret reference depends on. */
function generators(boot: Boot, plan: Plan): Registration[] {
  const planned = new Set(plannedResources(plan).map((r) => resourceId(r.type, r.name)));
  const regs = new Map(boot.record.registrations.map((r) => [resourceId(r.type, r.name), r]));
  const used = new Set(
    plannedResources(plan)
      .filter((r) => secretRefsOf(r.props).length > 0)
      .flatMap((r) => regs.get(resourceId(r.type, r.name))?.dependencies ?? []),
  );
  return custom(boot).filter((r) => !planned.has(resourceId(r.type, r.name)) && used.has(r.urn));
}

describe.each(RUNS)("the program booted by the language host for $stack ($mode)", ({ stack, dryRun }) => {
  const get = (): { boot: Boot; plan: Plan; byId: Map<string, Registration>; byUrn: Map<string, Registration> } => {
    const run = boots.get(keyOf(stack, dryRun));
    if (!run) throw new Error(`no run for ${stack}`);
    const regs = run.boot.record.registrations;
    return {
      ...run,
      byId: new Map(regs.map((r) => [resourceId(r.type, r.name), r])),
      byUrn: new Map(regs.map((r) => [r.urn, r])),
    };
  };
  const registrationOf = (byId: Map<string, Registration>, r: PlannedResource): Registration => {
    const reg = byId.get(resourceId(r.type, r.name));
    if (!reg) throw new Error(`${r.key} (${r.type} ${r.name}) was not registered`);
    return reg;
  };

  it("exits 0 after signalling shutdown, with no warning, error or unserved call", () => {
    const { boot } = get();
    const errors = boot.record.logs.filter((l) => l.severity === "ERROR").map((l) => l.message);
    expect(boot.exit, [boot.exit.stderr, ...errors].join("\n")).toMatchObject({ code: 0, timedOut: false });
    expect(boot.record.shutdown).toBe(true);
    expect(boot.record.logs.filter((l) => l.severity === "WARNING" || l.severity === "ERROR")).toEqual([]);
    expect(boot.record.unsupported).toEqual([]);
    expect(boot.record.root).toBe(`urn:pulumi:${stack}::reliability::pulumi:pulumi:Stack::reliability-${stack}`);
  });

  it("registers exactly the plan's resources, each through the provider of its region", () => {
    const { boot, plan } = get();
    const providerName = (r: PlannedResource): string =>
      plan.providers.find((p) => p.kind === r.provider && p.region === r.region)?.name ?? "none";
    const planned = plannedResources(plan).map((r) => `${r.type} ${r.name} via ${providerName(r)}`);
    const generated = new Set(generators(boot, plan).map((g) => g.urn));
    const registered = custom(boot)
      .filter((r) => !generated.has(r.urn))
      .map((r) => `${r.type} ${r.name} via ${r.provider ? urnName(providerUrn(r.provider)) : "none"}`);
    expect(registered.sort()).toEqual(planned.sort());
  });

  it("creates nothing beyond the plan but the generators of its secrets, each inside a ReliableService and used by a secret input", () => {
    const { boot, plan, byId, byUrn } = get();
    const planned = new Set(plannedResources(plan).map((r) => resourceId(r.type, r.name)));
    const generated = new Set(generators(boot, plan).map((g) => g.urn));
    const extras = custom(boot).filter((r) => !planned.has(resourceId(r.type, r.name)));
    expect(
      extras
        .filter((e) => !generated.has(e.urn) || byUrn.get(e.parent)?.type !== RELIABLE_SERVICE_TYPE)
        .map((e) => `${e.type} ${e.name}`),
    ).toEqual([]);
    for (const r of plannedResources(plan).filter((p) => secretRefsOf(p.props).length > 0)) {
      expect(
        registrationOf(byId, r).dependencies.some((d) => generated.has(d)),
        `${r.key} depends on the generator of its secret`,
      ).toBe(true);
    }
  });

  it("creates each planned provider once, with its planned settings", () => {
    const { boot, plan } = get();
    const providers = boot.record.registrations.filter((r) => r.type.startsWith("pulumi:providers:"));
    expect(providers.map((p) => `${p.type} ${p.name}`).sort()).toEqual(
      plan.providers.map((p) => `pulumi:providers:${p.kind} ${p.name}`).sort(),
    );
    for (const p of plan.providers) {
      const inputs = providers.find((r) => r.name === p.name)?.inputs;
      const expected = Object.fromEntries(
        Object.entries(p.props).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
      );
      expect(inputs, p.name).toMatchObject(expected);
    }
  });

  it("parents every resource under its service's ReliableService component or the stack's SharedResources, and each component under the stack", () => {
    const { boot, plan, byId, byUrn } = get();
    const shared = new Set(plan.shared?.resources.map((r) => r.key));
    for (const r of plannedResources(plan)) {
      const parent = byUrn.get(registrationOf(byId, r).parent);
      expect(parent && `${parent.type} ${parent.name}`, r.key).toBe(
        shared.has(r.key)
          ? `${SHARED_RESOURCES_TYPE} ${SHARED_RESOURCES_NAME}`
          : `${RELIABLE_SERVICE_TYPE} ${r.service}`,
      );
    }
    const components = boot.record.registrations.filter((r) => r.type === RELIABLE_SERVICE_TYPE);
    expect(components.map((c) => c.name).sort()).toEqual(plan.services.map((s) => s.service).sort());
    const sharedComponents = boot.record.registrations.filter((r) => r.type === SHARED_RESOURCES_TYPE);
    expect(sharedComponents.map((c) => c.name)).toEqual(plan.shared ? [SHARED_RESOURCES_NAME] : []);
    for (const c of [...components, ...sharedComponents]) expect(c.parent).toBe(boot.record.root);
  });

  it("sends every resource exactly its planned inputs, references resolved and secrets as secrets", () => {
    const { plan, byId } = get();
    const mismatches = plannedResources(plan).flatMap((r) =>
      compareInputs(r, registrationOf(byId, r).inputs, plan, dryRun).map(
        (m) => `${r.key} ${m.path}: expected ${m.expected}, got ${m.actual}`,
      ),
    );
    expect(mismatches).toEqual([]);
  });

  it("depends on exactly the resources the plan refers to (and the generators of its secrets)", () => {
    const { boot, plan, byId } = get();
    const generated = new Set(generators(boot, plan).map((g) => g.urn));
    const byKey = new Map(plannedResources(plan).map((r) => [r.key, r]));
    for (const r of plannedResources(plan)) {
      const expected = dependenciesOf(r).map((key) => registrationOf(byId, byKey.get(key) as PlannedResource).urn);
      const actual = registrationOf(byId, r).dependencies.filter((d) => !generated.has(d));
      expect(actual.sort(), r.key).toEqual(expected.sort());
    }
  });

  it("sets protect and retainOnDelete exactly where the plan does", () => {
    const { plan, byId } = get();
    const flags = (p: boolean | undefined, k: boolean | undefined): string =>
      `protect=${p ?? false} retainOnDelete=${k ?? false}`;
    for (const r of plannedResources(plan)) {
      const reg = registrationOf(byId, r);
      expect(flags(reg.protect, reg.retainOnDelete), r.key).toBe(flags(r.opts.protect, r.opts.retainOnDelete));
    }
  });

  it("never sends a secret's value in plain text", () => {
    const { boot } = get();
    const secrets = new Set(boot.record.registrations.flatMap((r) => secretStrings(r.inputs)));
    const leaks = boot.record.registrations.flatMap((r) =>
      [...plainStrings(r.inputs)].filter((s) => secrets.has(s)).map((s) => `${r.name}: ${s}`),
    );
    const outputs = [...boot.record.outputs.values()].flatMap((o) =>
      [...plainStrings(o)].filter((s) => secrets.has(s)),
    );
    expect([...leaks, ...outputs]).toEqual([]);
  });

  it("registers each service's host name, database endpoints per region, alert and Schedule names as component outputs", () => {
    const { boot, plan } = get();
    for (const component of boot.record.registrations.filter((r) => r.type === RELIABLE_SERVICE_TYPE)) {
      const service = plan.services.find((s) => s.service === component.name);
      const outputs = boot.record.outputs.get(component.urn) as Record<string, unknown>;
      const databases = new Set(
        (service?.resources ?? [])
          .filter((r) => r.type === "aws:rds/cluster:Cluster" || r.type === "aws:rds/instance:Instance")
          .map((r) => r.region),
      );
      expect(Object.keys((outputs["databaseEndpoints"] ?? {}) as object).sort(), component.name).toEqual(
        [...databases].sort(),
      );
      expect(outputs["hostname"], component.name).toBe(service?.analysis.dns?.name);
      const rules = (service?.resources ?? []).filter((r) => r.type.endsWith(":PrometheusRule"));
      const alerts = rules.flatMap((r) => JSON.stringify(r.props).match(/"alert":"[A-Za-z]+"/g) ?? []);
      expect(outputs["alerts"], component.name).toEqual([...new Set(alerts.map((a) => a.slice(9, -1)))].sort());
      expect(outputs["chaosSchedules"], component.name).toEqual(
        [
          ...new Set(
            (service?.analysis.chaos?.experiments ?? []).flatMap((e) =>
              e.regions.flatMap((r) => r.schedules.map((x) => x.name)),
            ),
          ),
        ].sort(),
      );
    }
  });

  it("creates no default provider, as the stack disables them", () => {
    const { boot } = get();
    const defaults = boot.record.registrations.filter(
      (r) => r.type.startsWith("pulumi:providers:") && /^default/.test(r.name),
    );
    expect(defaults.map((r) => r.name)).toEqual([]);
    expect(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")).toMatch(
      /^ {2}pulumi:disable-default-providers: \["\*"\]$/m,
    );
  });

  it("exports each service's namespace, regions, tier and resource count as stack outputs", () => {
    const { boot, plan } = get();
    const expected = Object.fromEntries(
      plan.services.map((s) => [
        s.service,
        { namespace: s.namespace, regions: s.regions, tier: s.tier, resources: s.resources.length },
      ]),
    );
    expect(boot.record.outputs.get(boot.record.root)).toEqual({ services: expected });
  });
});

describe("the boot harness itself", () => {
  it("sees every resource of every run, so the comparisons above are not vacuous", () => {
    for (const { stack, dryRun } of RUNS) {
      const run = boots.get(keyOf(stack, dryRun));
      if (!run) throw new Error(`no run for ${stack}`);
      expect(plannedResources(run.plan).length).toBeGreaterThan(0);
      expect(custom(run.boot).length - generators(run.boot, run.plan).length, `${stack} ${dryRun}`).toBe(
        plannedResources(run.plan).length,
      );
    }
  });
});
