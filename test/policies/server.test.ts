/**
 * The pack as Pulumi runs it: `node --import tsx index.ts` in `policies/` (what its entry point
 * index.cjs does) starts the policy SDK's gRPC analyzer on a loopback port and prints the port; this
 * test speaks the analyzer protocol to it the way the engine does during a preview.
 * @see https://github.com/pulumi/pulumi/blob/master/proto/pulumi/analyzer.proto
 */

import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABELS } from "../../components/core/conventions.js";
import { ROOT } from "../support/project.js";
import { cachedBaseline, resource, sdkProxy } from "./support.js";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));

interface Message {
  serializeBinary(): Uint8Array;
}
interface Diagnostic {
  getPolicyname(): string;
  getMessage(): string;
  getEnforcementlevel(): number;
}
interface AnalyzerClient {
  getAnalyzerInfo(
    req: Message,
    cb: (err: Error | null, res: { getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[] }) => void,
  ): void;
  analyze(req: Message, cb: (err: Error | null, res: { getDiagnosticsList(): Diagnostic[] }) => void): void;
  close(): void;
}

const grpc = fromPulumi("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const rpc = fromPulumi("./analyzer_grpc_pb") as {
  AnalyzerClient: new (address: string, credentials: unknown) => AnalyzerClient;
};
const pb = fromPulumi("./analyzer_pb") as {
  AnalyzeRequest: new () => Message & {
    setType(t: string): void;
    setProperties(s: unknown): void;
    setUrn(u: string): void;
    setName(n: string): void;
    setOptions(o: unknown): void;
  };
  AnalyzerResourceOptions: new () => Message & { setProtect(p: boolean): void; setParent(urn: string): void };
  EnforcementLevel: Record<string, number>;
};
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: unknown): unknown };
};
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => Message };

let child: ChildProcess | undefined;
let client: AnalyzerClient | undefined;

beforeAll(async () => {
  const proc = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
    cwd: join(ROOT, "policies"),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the policy pack printed no port within 30s")), 30_000);
    let errors = "";
    proc.stderr?.on("data", (d: Buffer) => (errors += d.toString()));
    proc.stdout?.on("data", (d: Buffer) => {
      const match = /^(\d+)\s*$/m.exec(d.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    proc.on("exit", (code) => reject(new Error(`the policy pack exited ${code}: ${errors}`)));
  });
  client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 40_000);

afterAll(() => {
  client?.close();
  child?.kill();
});

function analyze(type: string, name: string, props: unknown): Promise<Diagnostic[]> {
  const req = new pb.AnalyzeRequest();
  req.setType(type);
  req.setName(name);
  req.setUrn(`urn:pulumi:prod::reliability::reliability:index:ReliableService$${type}::${name}`);
  req.setProperties(Struct.fromJavaScript(props));
  const options = new pb.AnalyzerResourceOptions();
  options.setProtect(false);
  options.setParent("urn:pulumi:prod::reliability::reliability:index:ReliableService::checkout");
  req.setOptions(options);
  return new Promise((resolve, reject) =>
    client?.analyze(req, (err, res) => (err ? reject(err) : resolve(res.getDiagnosticsList()))),
  );
}

function deployment(image: string): { props: Record<string, unknown> } {
  const d = resource(cachedBaseline().plan, "checkout/us-east-1/Deployment");
  const props = structuredClone(d.props) as unknown as {
    spec: { template: { spec: { containers: { image: string }[] } } };
  };
  const container = props.spec.template.spec.containers[0];
  if (container) container.image = image;
  return { props: props as unknown as Record<string, unknown> };
}

describe("the policy pack served over the analyzer protocol", () => {
  it("lists one policy per rule, mandatory unless the rule is only ever advisory", async () => {
    const policies = await new Promise<{ getName(): string; getEnforcementlevel(): number }[]>((resolve, reject) =>
      client?.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res.getPoliciesList()))),
    );
    const level = new Map(policies.map((p) => [p.getName(), p.getEnforcementlevel()]));
    expect(level.get("image-pinned")).toBe(pb.EnforcementLevel["MANDATORY"]);
    expect(level.get("ephemeral-storage-set")).toBe(pb.EnforcementLevel["ADVISORY"]);
    expect(level.has("image-pinned-advisory")).toBe(false);
  });

  it("blocks a critical production Deployment with a latest image (mandatory)", async () => {
    const diagnostics = await analyze(
      "kubernetes:apps/v1:Deployment",
      "checkout-us-east-1-deployment",
      deployment("ghcr.io/acme/checkout:latest").props,
    );
    const pinned = diagnostics.filter((d) => d.getPolicyname() === "image-pinned");
    expect(pinned).toHaveLength(1);
    expect(pinned[0]?.getEnforcementlevel()).toBe(pb.EnforcementLevel["MANDATORY"]);
    expect(pinned[0]?.getMessage()).toContain("must pin its image");
  });

  it("reports the same Deployment labelled staging as advisory, from the same mandatory policy", async () => {
    const { props } = deployment("ghcr.io/acme/checkout:latest");
    (props["metadata"] as { labels: Record<string, string> }).labels[LABELS.environment] = "staging";
    const pinned = (await analyze("kubernetes:apps/v1:Deployment", "checkout-us-east-1-deployment", props)).filter(
      (d) => d.getPolicyname() === "image-pinned",
    );
    expect(pinned.map((d) => d.getEnforcementlevel())).toEqual([pb.EnforcementLevel["ADVISORY"]]);
    expect(pinned[0]?.getMessage()).toContain("must pin its image");
  });

  it("says nothing, and does not fail, when the image is unknown during a preview", async () => {
    const diagnostics = await analyze(
      "kubernetes:apps/v1:Deployment",
      "checkout-us-east-1-deployment",
      deployment(sdkProxy.unknownStringValue).props,
    );
    expect(diagnostics.map((d) => `${d.getPolicyname()}: ${d.getMessage()}`)).toEqual([]);
  });
});
