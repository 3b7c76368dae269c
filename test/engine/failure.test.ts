/**
 * Broken input under the real boot path: the program must fail the way `pulumi preview` shows a
 * user error (one error diagnostic, exit code 32 so the CLI adds nothing), with exactly the
 * diagnostics `reliability plan` prints for the same files, and no stack trace.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { baseSpec, ROOT, setPath } from "../support/project.js";
import { killAll } from "./support/langhost.js";
import { bootProgram, inPool, temporaryProject, type Boot, type TempProject } from "./support/session.js";

const devStack = readFileSync(join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8");

const CASES = [
  {
    name: "a spec with a wrong type and a misspelt field",
    files: {
      "services/orders.yaml": stringify(
        setPath(setPath(baseSpec(), "spec.workload.port", "http"), "spec.workload.replica", 3),
      ),
    },
  },
  {
    name: "a stack config value that is not allowed",
    files: {
      "services/orders.yaml": stringify(baseSpec()),
      "stacks/Pulumi.dev.yaml": devStack.replace(/hostname: \S+/, "hostname: not_a_host"),
    },
  },
  {
    name: "a services glob that matches no file",
    files: {
      "services/orders.yaml": stringify(baseSpec()),
      "stacks/Pulumi.dev.yaml": devStack.replace(/reliability:services: \S+/, "reliability:services: specs/*.yaml"),
    },
  },
] as const;

interface Outcome {
  readonly boot: Boot;
  readonly cli: { readonly code: number; readonly err: readonly string[] };
}

const outcomes = new Map<string, Outcome>();
const projects: TempProject[] = [];
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, ""); // eslint-disable-line no-control-regex

beforeAll(async () => {
  await inPool(CASES, 2, async (c) => {
    const project = temporaryProject(ROOT, c.files);
    projects.push(project);
    const boot = await bootProgram({ dir: project.dir, stack: "dev", dryRun: true });
    const err: string[] = [];
    const code = await main(["node", "reliability", "plan", "--stack", "dev", "--out", join(project.dir, "out")], {
      out: () => undefined,
      err: (t) => err.push(plain(t)),
      cwd: project.dir,
    });
    outcomes.set(c.name, { boot, cli: { code, err } });
  });
}, 240_000);

afterAll(() => {
  killAll();
  for (const p of projects) p.remove();
});

describe.each(CASES)("the program booted on $name", ({ name }) => {
  const outcome = (): Outcome => {
    const o = outcomes.get(name);
    if (!o) throw new Error(`no outcome for ${name}`);
    return o;
  };
  const errors = (): string[] =>
    outcome()
      .boot.record.logs.filter((l) => l.severity === "ERROR")
      .map((l) => l.message);

  it("exits with the code that tells the CLI the user was already told, after one error diagnostic", () => {
    const { boot } = outcome();
    expect(boot.exit).toMatchObject({ code: 32, timedOut: false });
    expect(errors()).toHaveLength(1);
  });

  it("reports exactly the diagnostics the CLI prints for the same files", () => {
    const { cli } = outcome();
    expect(cli.code).toBe(2);
    const diagnostics = cli.err.filter((l) => l.startsWith("error ")).map((l) => l.slice("error ".length));
    expect(diagnostics.length).toBeGreaterThan(0);
    const [header, ...lines] = (errors()[0] ?? "").split("\n");
    expect(header).toBe(
      `${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} in the reliability specs:`,
    );
    expect(lines).toEqual(diagnostics);
  });

  it("shows no stack trace and registers no resource", () => {
    const { boot } = outcome();
    expect([...errors(), boot.exit.stderr].join("\n")).not.toMatch(/^\s+at /m);
    expect(boot.record.registrations.filter((r) => r.custom)).toEqual([]);
  });
});
