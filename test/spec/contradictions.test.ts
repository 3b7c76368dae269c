import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../components/core/spec/errors.js";
import { baseSpec, exampleStack, loadObject, setPath } from "../support/project.js";

type Edit = readonly [path: string, value: unknown];

/** Loads the base spec with `edits` applied, against the prod stack. */
function load(edits: readonly Edit[]) {
  const spec = baseSpec();
  for (const [path, value] of edits) setPath(spec, path, value);
  return loadObject(spec, exampleStack("prod"));
}

/** The diagnostics as `path -> related paths`, so each case names both sides of its contradiction. */
function sides(edits: readonly Edit[]): string[] {
  return load(edits).diagnostics.map((d) => `${d.path} -> ${(d.related ?? []).map((r) => r.path).join(", ")}`);
}

const database = {
  engine: "aurora-postgresql",
  version: "16.4",
  instanceClass: "db.r6g.large",
  primaryRegion: "us-east-1",
  secondaryRegions: ["eu-west-1"],
};
const twoRegions: Edit = ["spec.regions", ["us-east-1", "eu-west-1"]];

describe("contradictions between fields", () => {
  it.each<[string, readonly Edit[], string[]]>([
    [
      "an RTO shorter than the declared startup budget points at the RTO and the budget",
      [
        ["spec.objectives.rto", "1m"],
        ["spec.workload.probes.startup", { maxStartupSeconds: 90 }],
      ],
      ["spec.objectives.rto -> spec.workload.probes.startup.maxStartupSeconds"],
    ],
    [
      "an RPO of 0s with a secondary region points at the RPO and the secondary regions",
      [twoRegions, ["spec.objectives.rpo", "0s"], ["spec.database", database]],
      ["spec.objectives.rpo -> spec.database.secondaryRegions"],
    ],
    [
      "an RTO as long as the SLO window points at the RTO and the window",
      [
        ["spec.objectives.window", "2d"],
        ["spec.objectives.rto", "2d"],
      ],
      ["spec.objectives.rto -> spec.objectives.window"],
    ],
    [
      "a latency objective with more nines than the window measures points at the percent and the window",
      [
        ["spec.objectives.window", "7d"],
        ["spec.objectives.latency", { threshold: "300ms", percent: 99.9999 }],
        ["spec.indicators.latency", { errors: "a[{{window}}]", total: "b[{{window}}]" }],
      ],
      ["spec.objectives.latency.percent -> spec.objectives.window"],
    ],
    [
      "allowed hours that end when they start point at their end and their start",
      [["spec.chaos", { allowedHours: { days: ["mon"], from: "12:00", to: "12:00" } }]],
      ["spec.chaos.allowedHours.to -> spec.chaos.allowedHours.from"],
    ],
    [
      "a grace over ten minutes from the drain alone points at the drain",
      [["spec.workload.shutdown", { drainSeconds: 600 }]],
      ["spec.workload.shutdown.drainSeconds -> "],
    ],
  ])("%s", (_name, edits, expected) => {
    expect(sides(edits)).toEqual(expected);
  });

  it.each<[string, readonly Edit[]]>([
    ["an RTO equal to the startup budget", [["spec.objectives.rto", "3m"]]],
    ["an RPO of 0s without secondary regions (synchronous copies within the region)", [["spec.objectives.rpo", "0s"]]],
    ["an RPO of 1s with a secondary region", [twoRegions, ["spec.objectives.rpo", "1s"], ["spec.database", database]]],
    [
      "an RTO just shorter than the SLO window",
      [
        ["spec.objectives.window", "1d"],
        ["spec.objectives.rto", "23h"],
      ],
    ],
    ["four nines over 30 days (a budget of 4m19s)", [["spec.objectives.availability", 99.99]]],
    ["99.998% over 30 days (a budget of 51s)", [["spec.objectives.availability", 99.998]]],
    [
      "a one-off blackout on a leap day",
      [["spec.chaos", { blackouts: [{ name: "leap", start: "2028-02-29", end: "2028-03-01" }] }]],
    ],
    ["allowed hours across midnight", [["spec.chaos", { allowedHours: { from: "22:00", to: "06:00" } }]]],
    [
      "a weekly blackout of a whole day from its start time (to equal to from ends the next day)",
      [["spec.chaos", { blackouts: [{ name: "friday-evening", days: ["fri"], from: "18:00", to: "18:00" }] }]],
    ],
    [
      "a shutdown grace of exactly ten minutes",
      [["spec.workload.shutdown", { drainSeconds: 25, requestTimeoutSeconds: 570 }]],
    ],
  ])("accepts %s", (_name, edits) => {
    expect(load(edits).diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("points at the startup budget alone when the RTO is the tier's default", () => {
    const spec = setPath(baseSpec(), "metadata.tier", "critical");
    setPath(spec, "spec.workload.probes.startup", { maxStartupSeconds: 1200 });
    expect(loadObject(spec).diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      "spec.workload.probes.startup.maxStartupSeconds: must be at most the RTO of 15m (the critical tier's default), because a replacement pod that takes longer to become ready cannot restore the service within it; got 1200",
    ]);
  });

  it("says which month is short for a date that does not exist", () => {
    const result = load([["spec.chaos", { blackouts: [{ name: "freeze", start: "2027-04-01", end: "2027-04-31" }] }]]);
    expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'spec.chaos.blackouts[0].end: must be a date that exists (April 2027 has 30 days), got "2027-04-31"',
    ]);
  });

  it("points the related field into the overlay that sets it", () => {
    const spec = setPath(baseSpec(), "spec.objectives.rto", "1m");
    setPath(spec, "spec.environments.prod.workload.probes.startup", { maxStartupSeconds: 90 });
    const [d] = loadObject(spec, exampleStack("prod")).diagnostics;
    expect(d?.related?.map((r) => r.path)).toEqual([
      "spec.environments.prod.workload.probes.startup.maxStartupSeconds",
    ]);
    expect(d && formatDiagnostic(d)).toMatch(
      /\(see also spec\.environments\.prod\.workload\.probes\.startup\.maxStartupSeconds at services\/orders\.yaml:\d+:\d+\)$/,
    );
  });
});
