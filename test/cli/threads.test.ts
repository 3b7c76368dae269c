import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shares, threadsFor } from "../../cli/fleet/threads.js";
import { CLI_DEFAULTS } from "../../cli/defaults.js";
import { checkStack, startOfHour } from "../../cli/commands/check.js";
import { renderJson, renderMarkdown, renderSarif } from "../../components/report/index.js";
import { cli as cliProcess, run, tempProject, tree } from "./harness.js";

/** The prebuilt CLI in a child process, without its cache: every run loads and plans on the threads asked for. */
const cli = (cwd: string, ...args: string[]) => cliProcess(cwd, ...args, "--no-cache");

let project: { dir: string; remove: () => void };
beforeAll(() => {
  project = tempProject();
  const template = readFileSync(join(project.dir, "services/checkout.yaml"), "utf8");
  for (let i = 1; i <= 6; i++)
    writeFileSync(join(project.dir, "services", `copy${i}.yaml`), template.replaceAll("checkout", `copy${i}`));
});
afterAll(() => project.remove());

describe("reliability plan on several threads", () => {
  it("writes byte for byte what one thread writes, with 2 and 3 threads, and what the sources write in process", async () => {
    const inProcess = await run(project.dir, "plan", "--stack", "prod", "--out", "in-process");
    expect(inProcess.code).toBe(0);
    const expected = tree(join(project.dir, "in-process"));
    expect(expected.size).toBeGreaterThan(20);
    for (const jobs of ["1", "2", "3"]) {
      const result = await cli(project.dir, "plan", "--stack", "prod", "--out", `jobs-${jobs}`, "--jobs", jobs);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(inProcess.stdout.replace("to in-process", `to jobs-${jobs}`));
      expect(tree(join(project.dir, `jobs-${jobs}`))).toEqual(expected);
    }
  }, 120_000);

  it("prints the same plan.json on stdout with --format json on 3 threads as on one", async () => {
    const one = await cli(project.dir, "plan", "--stack", "prod", "--out", "json-1", "--jobs", "1", "--format", "json");
    const three = await cli(
      project.dir,
      "plan",
      "--stack",
      "prod",
      "--out",
      "json-3",
      "--jobs",
      "3",
      "--format",
      "json",
    );
    expect(three.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(readFileSync(join(project.dir, "json-3", "plan.json"), "utf8"));
  }, 60_000);

  it("reports a name used in two shares and a broken spec in a worker's share exactly as one thread does, writing nothing", async () => {
    const broken = tempProject();
    try {
      const copy = readFileSync(join(broken.dir, "services/checkout.yaml"), "utf8");
      writeFileSync(join(broken.dir, "services", "zz-again.yaml"), copy);
      writeFileSync(join(broken.dir, "services", "zz-broken.yaml"), copy.replace("replicas: 3", "replicas: many"));
      const one = await cli(broken.dir, "plan", "--stack", "prod", "--out", "out", "--jobs", "1");
      const three = await cli(broken.dir, "plan", "--stack", "prod", "--out", "out", "--jobs", "3");
      expect(one.code).toBe(2);
      expect(three.code).toBe(2);
      expect(three.stderr).toBe(one.stderr);
      expect(three.stderr).toContain(
        'error services/zz-again.yaml:7:9 metadata.name: must be unique across services, got "checkout", already used by services/checkout.yaml:7',
      );
      expect(three.stderr).toContain("error services/zz-broken.yaml:16:15 spec.workload.replicas: must be an integer");
      expect(existsSync(join(broken.dir, "out"))).toBe(false);
      expect(readdirSync(broken.dir).sort()).toEqual(["services", "stacks"]);
    } finally {
      broken.remove();
    }
  }, 60_000);

  it("refuses --jobs that is not a whole number of at least 1 with exit 2", async () => {
    for (const jobs of ["0", "-1", "1.5", "many"]) {
      const result = await run(project.dir, "plan", "--stack", "prod", "--out", "never", "--jobs", jobs);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`must be a whole number of threads, at least 1, got "${jobs}"`);
    }
    expect(existsSync(join(project.dir, "never"))).toBe(false);
  });
});

/** A text as the CLI prints it: with one final newline. */
const printed = (text: string): string => (text.endsWith("\n") ? text : `${text}\n`);

describe("reliability check on several threads", () => {
  let fleet: { dir: string; remove: () => void };
  beforeAll(() => {
    fleet = tempProject();
    const template = readFileSync(join(fleet.dir, "services/checkout.yaml"), "utf8");
    for (let i = 1; i <= 6; i++) {
      const copy = template.replaceAll("checkout", `copy${i}`);
      const text = i % 2 === 0 ? copy.replace(`name: copy${i}.acme.example`, "name: checkout.acme.example") : copy;
      writeFileSync(join(fleet.dir, "services", `copy${i}.yaml`), text.replace("replicas: 3", "replicas: 2"));
    }
    const stackFile = join(fleet.dir, "stacks", "Pulumi.prod.yaml");
    const stack = readFileSync(stackFile, "utf8");
    writeFileSync(
      stackFile,
      stack.replace("ghcr.io/acme/reliability-stack:0.1.0", "ghcr.io/acme/reliability-stack:latest"),
    );
  });
  afterAll(() => fleet.remove());

  it("finds in JSON, SARIF and Markdown (with each service's diagram and the shared incident bridge) what checking the whole plan on one thread finds", async () => {
    const io = { out: () => undefined, err: () => undefined, cwd: fleet.dir };
    const whole = checkStack(io, { stack: "prod", stacksDir: "stacks" }, startOfHour(new Date()));
    expect(whole.violations.map((v) => v.policy)).toContain("dns-name-owned-once");
    expect(whole.violations.filter((v) => v.resource.startsWith("incident-bridge/")).map((v) => v.policy)).toContain(
      "image-pinned",
    );
    const json = await run(fleet.dir, "check", "--stack", "prod", "--format", "json");
    expect(json.stdout).toBe(printed(renderJson(whole)));
    const sarif = await run(fleet.dir, "check", "--stack", "prod", "--format", "sarif");
    expect(sarif.stdout).toBe(printed(JSON.stringify(renderSarif(whole), null, 2)));
    const markdown = await run(fleet.dir, "check", "--stack", "prod", "--format", "markdown");
    expect(markdown.stdout).toBe(printed(renderMarkdown(whole)));
  }, 60_000);

  it.each(["text", "json", "sarif", "markdown"])(
    "reports in %s byte for byte what the sources report in process, on 1, 2 and 3 threads",
    async (format) => {
      const inProcess = await run(fleet.dir, "check", "--stack", "prod", "--format", format);
      expect(inProcess.code).toBe(1);
      expect(inProcess.stdout).toContain("dns-name-owned-once");
      for (const jobs of ["1", "2", "3"]) {
        const threaded = await cli(fleet.dir, "check", "--stack", "prod", "--format", format, "--jobs", jobs);
        expect({ code: threaded.code, stdout: threaded.stdout }).toEqual({ code: 1, stdout: inProcess.stdout });
      }
    },
    120_000,
  );
});

describe("reliability check of a fleet whose workers send their results in several parts", () => {
  it(`reports in JSON on 2 threads what it reports on one, for more than ${CLI_DEFAULTS.checkedPerMessage} services per worker`, async () => {
    const large = tempProject();
    try {
      const template = readFileSync(join(large.dir, "services/checkout.yaml"), "utf8");
      const copies = 2 * CLI_DEFAULTS.checkedPerMessage + 31;
      for (let i = 1; i <= copies; i++)
        writeFileSync(
          join(large.dir, "services", `copy${i}.yaml`),
          template.replaceAll("checkout", `copy${i}`).replace("replicas: 3", "replicas: 2"),
        );
      const one = await cli(large.dir, "check", "--stack", "prod", "--format", "json", "--jobs", "1");
      const two = await cli(large.dir, "check", "--stack", "prod", "--format", "json", "--jobs", "2");
      const { violations } = JSON.parse(one.stdout) as { violations: { service: string }[] };
      expect(new Set(violations.map((v) => v.service)).size).toBeGreaterThanOrEqual(copies);
      expect({ code: two.code, stdout: two.stdout }).toEqual({ code: one.code, stdout: one.stdout });
    } finally {
      large.remove();
    }
  }, 120_000);
});

describe("how a fleet is shared out", () => {
  it.each([
    { count: 1_000, jobs: undefined, canFork: false, threads: 1 },
    { count: 1_000, jobs: 4, canFork: false, threads: 1 },
    { count: CLI_DEFAULTS.servicesPerThread - 1, jobs: undefined, canFork: true, threads: 1 },
    { count: 3, jobs: 8, canFork: true, threads: 3 },
    { count: 1_000, jobs: 2, canFork: true, threads: 2 },
  ])("plans $count services on $threads thread(s) when --jobs is $jobs and workers can start: $canFork", (c) => {
    expect(threadsFor(c.count, c.jobs, c.canFork)).toBe(c.threads);
  });

  it.each([
    { count: 10, n: 3, sizes: [3, 3, 4] },
    { count: 2, n: 2, sizes: [1, 1] },
    { count: 7, n: 1, sizes: [7] },
  ])("splits $count files into $n contiguous shares of sizes $sizes, in order", ({ count, n, sizes }) => {
    const files = Array.from({ length: count }, (_, i) => i);
    const split = shares(files, n);
    expect(split.map((s) => s.length)).toEqual(sizes);
    expect(split.flat()).toEqual(files);
  });
});
