import { Option, type Command } from "commander";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { DNS_LABEL } from "../../components/core/spec/fields.js";
import { MAX_SERVICE_NAME, TIERS, type Tier } from "../../components/core/spec/service.js";
import type { StackConfig } from "../../components/core/stack/config.js";
import { SCHEMA_PATH } from "../../components/spec/json-schema/index.js";
import {
  DATABASE_CHOICES,
  defaultZone,
  SERVICE_SHAPES,
  scaffoldText,
  stackRegions,
  type DatabaseChoice,
  type ScaffoldAnswers,
  type ServiceShape,
} from "../../components/spec/scaffold.js";
import { baseCommand, resolvePath, type RunState } from "../command.js";
import { EXIT, UsageError, type Io } from "../io.js";
import { askChoice, askValid } from "../prompt.js";
import { checkNewSpec } from "./init-check.js";
import { stacksToCheck } from "./validate.js";

/** Options of `reliability init`, as commander parses them. */
interface InitOptions {
  readonly team?: string;
  readonly tier?: Tier;
  readonly public?: boolean;
  readonly worker?: boolean;
  readonly database?: DatabaseChoice;
  readonly regions?: string[];
  readonly zone?: string;
  readonly out?: string;
  readonly stacksDir: string;
  readonly services?: string;
}

/**
 * Tier and database of a new spec when neither a flag nor an answer gives them.
 * @default standard tier, no database
 */
export const INIT_DEFAULTS = { tier: "standard", database: "none", shape: "internal" } as const;

/** `reliability init <name> [--tier T] [--public|--worker] [--database aurora|rds|none] [--regions ...]` */
export function initCommand(io: Io, state: RunState): Command {
  return baseCommand("init", io)
    .description(
      "write a commented spec for a new service that validates and plans in every stack; never overwrites (exit 2); asks on a terminal for what the flags leave out",
    )
    .argument("<name>", `service name (lower-case letters, digits and '-', at most ${MAX_SERVICE_NAME} characters)`)
    .option("--team <team>", "owning team (default: the service name)")
    .addOption(new Option("--tier <tier>", `service tier (default: ${INIT_DEFAULTS.tier})`).choices([...TIERS]))
    .addOption(new Option("--public", "a public HTTP API: DNS failover and status checks").conflicts("worker"))
    .addOption(new Option("--worker", "a worker without inbound traffic: TCP probes, job-based SLI"))
    .addOption(
      new Option("--database <kind>", `database (default: ${INIT_DEFAULTS.database})`).choices([...DATABASE_CHOICES]),
    )
    .option("--regions <regions...>", "regions, primary first, space- or comma-separated (default: every stack region)")
    .option("--zone <zone>", "DNS zone of a public service (default: taken from the stacks' ingress host names)")
    .option("--out <file>", "where to write the spec (default: services/<name>.yaml)")
    .option("--services <glob>", "the other specs, checked together with the new one", "services/*.yaml")
    .option("--stacks-dir <dir>", "folder with the Pulumi.<stack>.yaml files", "stacks")
    .action(async (name: string, options: InitOptions) => {
      checkName(name);
      const out = options.out ?? `services/${name}.yaml`;
      const path = resolvePath(io, out);
      if (existsSync(path)) throw new UsageError(`${out} already exists; init never overwrites a spec (choose --out)`);
      const stacks = stacksToCheck(io, { stacksDir: options.stacksDir });
      if (stacks.length === 0)
        throw new UsageError(`${options.stacksDir} holds no Pulumi.<stack>.yaml to take regions from`);
      const answers = await gather(io, name, options, stacks);
      const schemaRef = relative(dirname(path), resolvePath(io, SCHEMA_PATH)).split("\\").join("/");
      const text = scaffoldText(answers, stacks, schemaRef);
      checkNewSpec(io, out, text, stacks, options.services ?? "services/*.yaml");
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { flag: "wx" });
      io.out(
        `wrote ${out}: ${answers.tier} ${answers.shape} service in ${answers.regions.join(", ")}, database ${answers.database}; it validates and plans for ${stacks.map((s) => s.stack).join(", ")}`,
      );
      state.code = EXIT.ok;
    });
}

function checkName(name: string): void {
  if (!DNS_LABEL.test(name) || name.length > MAX_SERVICE_NAME)
    throw new UsageError(
      `<name> must be lower-case letters, digits and '-', starting with a letter, at most ${MAX_SERVICE_NAME} characters, got ${JSON.stringify(name)}`,
    );
}

/** The answers: from the flags, else from the terminal when there is one, else the defaults. */
async function gather(io: Io, name: string, o: InitOptions, stacks: readonly StackConfig[]): Promise<ScaffoldAnswers> {
  const ask = io.ask;
  const known = stackRegions(stacks);
  const flagShape: ServiceShape | undefined = o.public ? "public" : o.worker ? "worker" : undefined;
  const team = o.team ?? (ask ? await askValid(ask, `team [${name}]: `, (a) => label(a === "" ? name : a)) : name);
  const tier = o.tier ?? (ask ? await askChoice(ask, "tier", TIERS, INIT_DEFAULTS.tier) : INIT_DEFAULTS.tier);
  const shape =
    flagShape ?? (ask ? await askChoice(ask, "kind", SERVICE_SHAPES, INIT_DEFAULTS.shape) : INIT_DEFAULTS.shape);
  const database =
    o.database ??
    (ask ? await askChoice(ask, "database", DATABASE_CHOICES, INIT_DEFAULTS.database) : INIT_DEFAULTS.database);
  const given = o.regions?.flatMap((r) => r.split(",")).filter((r) => r !== "");
  const regions =
    given ??
    (ask ? await askValid(ask, `regions, primary first [${known.join(",")}]: `, (a) => regionList(a, known)) : known);
  const unknown = regions.filter((r) => !known.includes(r));
  if (unknown.length > 0)
    throw new UsageError(
      `--regions must be regions the stacks define (${known.join(", ")}), got ${unknown.join(", ")}`,
    );
  const zone = o.zone ?? defaultZone(stacks);
  return { name, team, tier, shape, database, regions, zone };
}

function label(answer: string): { value: string } | { problem: string } {
  return DNS_LABEL.test(answer) && answer.length <= 63
    ? { value: answer }
    : { problem: `must be lower-case letters, digits and '-', got ${JSON.stringify(answer)}` };
}

function regionList(answer: string, known: readonly string[]): { value: string[] } | { problem: string } {
  const regions = answer === "" ? [...known] : answer.split(/[\s,]+/).filter((r) => r !== "");
  const unknown = regions.filter((r) => !known.includes(r));
  return unknown.length === 0 && regions.length > 0
    ? { value: regions }
    : { problem: `must be regions the stacks define (${known.join(", ")}), got ${unknown.join(", ") || "none"}` };
}
