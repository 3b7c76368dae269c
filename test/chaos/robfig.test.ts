import { describe, expect, it } from "vitest";
import { parseCron, type CronFields } from "../../components/core/cron.js";
import { robfigNext } from "../../components/core/cron-next.js";
import { robfigBinary, robfigFiringsOf, type RobfigRequest } from "./robfig.js";

/** Zones whose changes skip midnight, shift by 30 minutes, or fall at the usual 01:00–03:00. */
const ZONES = [
  "Atlantic/Azores",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Africa/Cairo",
  "Asia/Beirut",
  "America/Havana",
  "America/Asuncion",
  "Pacific/Chatham",
  "Europe/Berlin",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "UTC",
];

function fieldsOf(cron: string): CronFields {
  const parsed = parseCron(cron);
  if (!parsed.ok) throw new Error(`${cron}: ${parsed.error}`);
  return parsed.fields;
}

function model(r: RobfigRequest): number[] {
  const fields = fieldsOf(r.cron);
  const runs: number[] = [];
  let t: number | undefined = r.from * 1000;
  while (runs.length < r.count && (t = robfigNext(fields, r.zone, t)) !== undefined) runs.push(t / 1000);
  return runs;
}

/** A small seeded generator, so every run of the suite asks the same questions. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

const MINUTES = ["0", "15", "30", "45", "0,30", "10,40", "*/20", "5"];
const HOURS = ["0", "1", "2", "3", "23", "0-3", "22-23", "1,13", "*/6", "*", "10"];
const DAYS = [
  ["*", "*"],
  ["*", "6"],
  ["*", "0"],
  ["*", "1-5"],
  ["1", "*"],
  ["1,15", "*"],
  ["*", "sat,sun"],
];

function requests(count: number): RobfigRequest[] {
  const next = random(20261128);
  return Array.from({ length: count }, () => {
    const [dom, dow] = pick(next, DAYS);
    const from = Date.UTC(2026, 0, 1) / 1000 + Math.floor(next() * 400) * 86_400;
    return {
      zone: pick(next, ZONES),
      cron: `${pick(next, MINUTES)} ${pick(next, HOURS)} ${dom ?? "*"} * ${dow ?? "*"}`,
      from,
      count: 12,
    };
  });
}

/** Requests that start a week before every change of 2026 in the zones above. */
function aroundChanges(): RobfigRequest[] {
  const next = random(7);
  return ZONES.flatMap((zone) =>
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((month) => {
      const [dom, dow] = pick(next, DAYS);
      return {
        zone,
        cron: `${pick(next, MINUTES)} ${pick(next, HOURS)} ${dom ?? "*"} * ${dow ?? "*"}`,
        from: Date.UTC(2026, month, 1) / 1000,
        count: 40,
      };
    }),
  );
}

const binary = robfigBinary();

describe("the firing model against the real robfig/cron v3.0.1", () => {
  it.each([
    ["on random crons, zones and dates", requests(1000)],
    ["through every month of 2026 in zones with awkward changes", aroundChanges()],
  ])("fires exactly when robfig fires %s", (_, list) => {
    if (binary === undefined) {
      throw new Error(
        "the real robfig/cron could not be built: install Debian's golang-go and golang-github-robfig-cron-dev (bash .ci/run does)",
      );
    }
    const real = robfigFiringsOf(binary, list);
    const differences = list
      .map((r, i) => ({ request: r, real: real[i], model: model(r) }))
      .filter((c) => JSON.stringify(c.real) !== JSON.stringify(c.model));
    expect(differences).toEqual([]);
  });
});
