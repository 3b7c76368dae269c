import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, SpecError } from "../../components/core/spec/errors.js";
import { loadSpecFiles } from "../../components/spec/load.js";
import { loadFleet } from "../../cli/fleet/threads.js";
import { cli, prodFleet, tempProject } from "./harness.js";

/** The checkout example with its availability query missing a closing parenthesis: only planning the alerts finds it. */
const brokenQuery = (text: string) => text.replace('code=~"5.."}[{{window}}]))', 'code=~"5.."}[{{window}}])');
/** A copy of the checkout example named `name`. */
const renamed = (text: string, name: string) => text.replaceAll("checkout", name);

/** Each fleet: spec files written next to the examples, from the checkout example's text. */
const FLEETS: readonly {
  readonly name: string;
  readonly files: Record<string, (checkout: string) => string>;
  /** How many problems loading every spec with planning reports. */
  readonly problems: number;
}[] = [
  {
    name: "a query only planning finds broken, in the last thread's share",
    files: { "zz-query.yaml": (t) => brokenQuery(renamed(t, "zz-query")) },
    problems: 1,
  },
  {
    name: "broken queries next to an invalid spec and a name used twice (the services with broken queries are not compared by name)",
    files: {
      "m-query.yaml": (t) => brokenQuery(renamed(t, "m-query")),
      "n-query-again.yaml": (t) => brokenQuery(renamed(t, "m-query")),
      "y-invalid.yaml": (t) => renamed(t, "y-invalid").replace("replicas: 3", "replicas: many"),
      "z-again.yaml": (t) => t,
    },
    problems: 4,
  },
  {
    name: "a broken query in a spec whose overlay for another environment is not a mapping",
    files: {
      "zz-query.yaml": (t) =>
        brokenQuery(renamed(t, "zz-query")).replace("  environments:\n", "  environments:\n    qa: 3\n"),
    },
    problems: 2,
  },
  {
    name: "a broken query next to a call whose retries break the budget across two services",
    files: {
      "checkout.yaml": (t) =>
        t.replace("retries: { perTryTimeout: 80ms }", "retries: { perTryTimeout: 200ms, attempts: 2 }"),
      "zz-query.yaml": (t) => brokenQuery(renamed(t, "zz-query")),
    },
    problems: 1,
  },
];

describe("problems only planning finds in a fleet run", () => {
  it.each(FLEETS)(
    "are reported for $name exactly as loading every spec with planning reports them ($problems in all), by plan on 1 and 3 threads and by check, writing nothing",
    async ({ files, problems }) => {
      const project = tempProject();
      try {
        const checkout = readFileSync(join(project.dir, "services/checkout.yaml"), "utf8");
        for (const [file, text] of Object.entries(files))
          writeFileSync(join(project.dir, "services", file), text(checkout));
        const fleet = prodFleet(project.dir, ".cache", undefined);
        const { diagnostics } = new SpecError(
          loadSpecFiles(fleet.files, fleet.stack, project.dir, project.dir).diagnostics,
        );
        expect(diagnostics.some((d) => d.message.startsWith("must be valid PromQL"))).toBe(true);
        expect(diagnostics).toHaveLength(problems);
        const expected = [
          ...diagnostics.map((d) => `error ${formatDiagnostic(d)}\n`),
          `${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}; nothing was written.\n`,
        ].join("");
        const runs = [
          ["plan", "--stack", "prod", "--out", "out", "--jobs", "1"],
          ["plan", "--stack", "prod", "--out", "out", "--jobs", "3"],
          ["check", "--stack", "prod", "--jobs", "3"],
        ];
        for (const args of runs) {
          const result = await cli(project.dir, ...args, "--no-cache");
          expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr: expected });
        }
        expect(existsSync(join(project.dir, "out"))).toBe(false);
      } finally {
        project.remove();
      }
    },
    60_000,
  );
});

describe("progress of a fleet run with problems to report", () => {
  it("counts the services planned for problems after loading, up to every service loaded without one", async () => {
    const project = tempProject();
    try {
      const checkout = readFileSync(join(project.dir, "services/checkout.yaml"), "utf8");
      writeFileSync(join(project.dir, "services", "zz-query.yaml"), brokenQuery(renamed(checkout, "zz-query")));
      writeFileSync(join(project.dir, "services", "zz-again.yaml"), checkout);
      const fleet = prodFleet(project.dir, ".cache", undefined);
      const updates: string[] = [];
      const progress = {
        update: (stage: string, done: number, total: number) => void updates.push(`${stage} ${done}/${total}`),
        end: () => undefined,
      };
      await expect(loadFleet(fleet, new AbortController().signal, [], progress)).rejects.toBeInstanceOf(SpecError);
      const files = fleet.files.length;
      expect(updates.filter((u) => u.startsWith("loading specs")).at(-1)).toBe(`loading specs ${files}/${files}`);
      expect(updates.filter((u) => u.startsWith("planning services"))).toEqual(
        Array.from({ length: files }, (_, i) => `planning services ${i + 1}/${files}`),
      );
    } finally {
      project.remove();
    }
  });
});
