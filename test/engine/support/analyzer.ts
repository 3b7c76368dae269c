/**
 * A CrossGuard policy pack started and driven the way the Pulumi CLI does it for
 * `pulumi preview --policy-pack <dir>`: the `pulumi-analyzer-policy` shim runs
 * `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> . -<option>=<value>…` in the pack's
 * directory with the stack in `PULUMI_*` variables, reads the port the pack prints, then calls
 * `ConfigureStack`, `GetAnalyzerInfo`, `Analyze` per resource and `AnalyzeStack` at the end.
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/plugin/analyzer_plugin.go
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/dist/pulumi-analyzer-policy
 */

import type * as grpcTypes from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import type { EngineRecord, Registration } from "./engine.js";
import { providerUrn } from "./engine.js";
import { killGroup, trackProcess, type StackConfigBag } from "./langhost.js";
import { emptypb, encodeStruct, grpc, proto } from "./wire.js";

const apb = proto<typeof analyzerPb>("analyzer_pb");
const agrpc = proto<typeof analyzerGrpc>("analyzer_grpc_pb");

/** Which stack the pack analyzes. */
export interface PackOptions {
  /** The policy pack directory (holds `PulumiPolicy.yaml`). */
  readonly dir: string;
  /** Organization, project and stack names. */
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
  /** Preview (unknowns may appear) or update. */
  readonly dryRun: boolean;
  /** The stack's config, as the CLI passes it. */
  readonly config: StackConfigBag;
  /** The engine's address (the first argument of the shim). */
  readonly engineAddress: string;
  /** Give up waiting for the port after this long. */
  readonly timeoutMs: number;
}

/** A diagnostic as the engine receives it. */
export interface PackDiagnostic {
  /** Policy name. */
  readonly policy: string;
  /** `advisory`, `mandatory`, `disabled` or `remediate`. */
  readonly level: string;
  /** The policy's description, which the pack puts on the message's first line. */
  readonly description: string;
  /** The message as sent: the description, a newline, then what the policy reported. */
  readonly message: string;
  /** URN of the resource it is about ("" for the stack); `Analyze` findings are about the analyzed resource. */
  readonly urn: string;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** A running policy pack and a client connected to it. */
export class PolicyPack {
  private constructor(
    private readonly client: analyzerGrpc.AnalyzerClient,
    private readonly pid: number | undefined,
    /** What the pack wrote to stderr so far. */
    readonly stderr: () => string,
  ) {}

  /** The shim's command line: the runtime options become `-key=value` words, split on spaces as the shell does. */
  static command(o: PackOptions): { args: string[]; env: Record<string, string> } {
    const manifest = parse(readFileSync(join(o.dir, "PulumiPolicy.yaml"), "utf8")) as {
      runtime?: { options?: Record<string, unknown> } | string;
    };
    const options = typeof manifest.runtime === "object" ? (manifest.runtime.options ?? {}) : {};
    const runPath = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [o.dir] });
    const optionWords = Object.entries(options).flatMap(([k, v]) => `-${k}=${String(v)}`.split(/\s+/));
    const env: Record<string, string> = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          (e): e is [string, string] => e[1] !== undefined && !/^(VITEST|NODE_OPTIONS$|NODE_ENV$|PULUMI_)/.test(e[0]),
        ),
      ),
      PULUMI_CONFIG: JSON.stringify(o.config.config),
      PULUMI_NODEJS_ORGANIZATION: o.organization,
      PULUMI_NODEJS_PROJECT: o.project,
      PULUMI_NODEJS_STACK: o.stack,
      PULUMI_NODEJS_DRY_RUN: String(o.dryRun),
      PULUMI_ORGANIZATION: o.organization,
      PULUMI_PROJECT: o.project,
      PULUMI_STACK: o.stack,
      PULUMI_DRY_RUN: String(o.dryRun),
      NO_COLOR: "1",
    };
    return { args: [runPath, o.engineAddress, ".", ...optionWords], env };
  }

  /** Starts the pack, waits for its port and configures it for the stack. */
  static async start(o: PackOptions): Promise<PolicyPack> {
    const { args, env } = PolicyPack.command(o);
    const child = spawn(process.execPath, args, { cwd: o.dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    trackProcess(child);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(
        () => reject(new Error(`the policy pack printed no port within ${o.timeoutMs} ms:\n${stderr}`)),
        o.timeoutMs,
      );
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(
          new Error(`the policy pack exited with code ${String(code)} before printing its port:\n${stdout}${stderr}`),
        );
      });
    });
    const client = new agrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const pack = new PolicyPack(client, child.pid, () => stderr);
    await pack.configureStack(o);
    return pack;
  }

  /** Stops the pack (the CLI kills its plugins when the operation ends). */
  stop(): void {
    this.client.close();
    killGroup(this.pid);
  }

  private configureStack(o: PackOptions): Promise<unknown> {
    const req = new apb.AnalyzerStackConfigureRequest()
      .setStack(o.stack)
      .setProject(o.project)
      .setOrganization(o.organization)
      .setDryRun(o.dryRun);
    req.setConfigSecretKeysList([...o.config.secretKeys]);
    for (const [k, v] of Object.entries(o.config.config)) req.getConfigMap().set(k, v);
    return unary((cb) => this.client.configureStack(req, cb)).catch((error: grpcTypes.ServiceError) => {
      if (error.code !== grpc.status.UNIMPLEMENTED) throw error;
    });
  }

  /** `GetAnalyzerInfo`: the pack's name and policies. */
  async info(): Promise<{ name: string; policies: { name: string; level: string }[] }> {
    const info = await unary<analyzerPb.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new emptypb.Empty(), cb));
    return {
      name: info.getName(),
      policies: info
        .getPoliciesList()
        .map((p) => ({ name: p.getName(), level: LEVELS[p.getEnforcementlevel()] ?? "?" })),
    };
  }

  /** `Analyze` for one registration, as the engine sends it after the provider checked the inputs. */
  async analyze(record: EngineRecord, r: Registration): Promise<PackDiagnostic[]> {
    const req = new apb.AnalyzeRequest()
      .setUrn(r.urn)
      .setType(r.type)
      .setName(r.name)
      .setProperties(encodeStruct(r.inputs))
      .setOptions(optionsOf(r));
    const provider = providerOf(record, r);
    if (provider) req.setProvider(provider);
    return diagnostics(await unary<analyzerPb.AnalyzeResponse>((cb) => this.client.analyze(req, cb)), r.urn);
  }

  /** `AnalyzeStack` over every resource of the run, with their states (component outputs included). */
  async analyzeStack(record: EngineRecord): Promise<PackDiagnostic[]> {
    const resources = record.registrations.map((r) => {
      const res = new apb.AnalyzerResource()
        .setUrn(r.urn)
        .setType(r.type)
        .setName(r.name)
        .setParent(r.parent)
        .setProperties(encodeStruct(record.outputs.get(r.urn) ?? r.state))
        .setOptions(optionsOf(r))
        .setDependenciesList([...r.dependencies]);
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        if (urns.length > 0)
          res.getPropertydependenciesMap().set(key, new apb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
      }
      const provider = providerOf(record, r);
      if (provider) res.setProvider(provider);
      return res;
    });
    const req = new apb.AnalyzeStackRequest().setResourcesList(resources);
    return diagnostics(await unary<analyzerPb.AnalyzeResponse>((cb) => this.client.analyzeStack(req, cb)));
  }
}

function optionsOf(r: Registration): analyzerPb.AnalyzerResourceOptions {
  return new apb.AnalyzerResourceOptions()
    .setProtect(r.protect ?? false)
    .setIgnorechangesList([...r.ignoreChanges])
    .setAdditionalsecretoutputsList([...r.additionalSecretOutputs])
    .setParent(r.parent);
}

function providerOf(record: EngineRecord, r: Registration): analyzerPb.AnalyzerProviderResource | undefined {
  if (!r.provider) return undefined;
  const urn = providerUrn(r.provider);
  const provider = record.registrations.find((p) => p.urn === urn);
  if (!provider) return undefined;
  return new apb.AnalyzerProviderResource()
    .setUrn(urn)
    .setType(provider.type)
    .setName(provider.name)
    .setProperties(encodeStruct(provider.inputs));
}

function diagnostics(res: analyzerPb.AnalyzeResponse, subject = ""): PackDiagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()] ?? "?",
    description: d.getDescription(),
    message: d.getMessage(),
    urn: d.getUrn() || subject,
  }));
}

function unary<T>(call: (callback: (error: grpcTypes.ServiceError | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value as T))));
}
