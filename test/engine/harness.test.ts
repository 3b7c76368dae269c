/** The harness's own pieces: the wire codec and the command lines it builds. */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.js";
import { PolicyPack } from "./support/analyzer.js";
import { providerUrn, urnName } from "./support/engine.js";
import { languageHostCommand, readProject, shellWords, stackConfigBag } from "./support/langhost.js";
import { temporaryProject } from "./support/session.js";
import {
  decodeValue,
  encodeValue,
  OUTPUT_SIG,
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  unknown,
  type WireValue,
} from "./support/wire.js";

describe("the wire codec", () => {
  it.each<[string, unknown, WireValue]>([
    ["the unknown sentinel", UNKNOWN, unknown],
    ["a secret", { [SIG_KEY]: SECRET_SIG, value: "s3cret" }, { $secret: "s3cret" }],
    ["a secret inside a list", ["a", { [SIG_KEY]: SECRET_SIG, value: { k: 1 } }], ["a", { $secret: { k: 1 } }]],
    [
      "a resource reference",
      { [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::t::n", packageVersion: "" },
      { $resource: "urn:pulumi:s::p::t::n" },
    ],
    ["a known output value", { [SIG_KEY]: OUTPUT_SIG, value: 3 }, 3],
    ["an unknown secret output value", { [SIG_KEY]: OUTPUT_SIG, secret: true }, { $secret: unknown }],
    ["plain nested data", { a: [1, true, null, { b: "c" }] }, { a: [1, true, null, { b: "c" }] }],
  ])("decodes %s", (_name, wire, decoded) => {
    expect(decodeValue(wire)).toEqual(decoded);
  });

  it("encodes what it decodes back to the wire form", () => {
    const wire = { a: UNKNOWN, b: { [SIG_KEY]: SECRET_SIG, value: ["x", UNKNOWN] }, c: [{ d: 1 }] };
    expect(encodeValue(decodeValue(wire))).toEqual(wire);
  });

  it("rejects a special value it does not know rather than passing it off as data", () => {
    expect(() => decodeValue({ [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", path: "x" })).toThrow(
      /unsupported special value/,
    );
  });

  it("takes provider references apart at the last separator", () => {
    const ref =
      "urn:pulumi:prod::reliability::pulumi:providers:aws::aws-eu-west-1::04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(providerUrn(ref)).toBe("urn:pulumi:prod::reliability::pulumi:providers:aws::aws-eu-west-1");
    expect(urnName(providerUrn(ref))).toBe("aws-eu-west-1");
  });
});

describe("the language host's command line", () => {
  it.each<[string, string[]]>([
    ["--import tsx", ["--import", "tsx"]],
    ["  --require 'a b'   --max-old-space-size=4096 ", ["--require", "a b", "--max-old-space-size=4096"]],
    ['--title "x\\"y" z\\ w', ["--title", 'x"y', "z w"]],
    ["", []],
  ])("splits nodeargs %j as shell words", (text, words) => {
    expect(shellWords(text)).toEqual(words);
  });

  it.each([true, false])(
    "puts the nodeargs before the run script and --dry-run only in preview (preview: %s)",
    (dryRun) => {
      const { args, env } = languageHostCommand({
        dir: ROOT,
        stack: "dev",
        dryRun,
        engineAddress: "127.0.0.1:1",
        timeoutMs: 1,
      });
      expect(args.slice(0, 3)).toEqual(["--import", "tsx", require.resolve("@pulumi/pulumi/cmd/run")]);
      expect(args.includes("--dry-run")).toBe(dryRun);
      expect(args.slice(-3)).toEqual(["--parallel", "16", "."]);
      expect(env["PULUMI_NODEJS_TYPESCRIPT"]).toBeUndefined();
    },
  );

  it("passes config under <namespace>:config:<key>, structured values as JSON, with the secret keys", () => {
    const { env } = languageHostCommand({
      dir: ROOT,
      stack: "prod",
      dryRun: true,
      engineAddress: "127.0.0.1:1",
      timeoutMs: 1,
    });
    const config = JSON.parse(env["PULUMI_CONFIG"] ?? "{}") as Record<string, string>;
    expect(config["aws:config:region"]).toBe("us-east-1");
    expect(JSON.parse(config["reliability:config:regions"] ?? "null")).toHaveProperty("eu-west-1");
    expect(JSON.parse(env["PULUMI_CONFIG_SECRET_KEYS"] ?? "null")).toEqual([]);
  });

  it("fills project config defaults the stack does not set and refuses encrypted values it cannot decrypt", () => {
    const project = temporaryProject(ROOT, { "stacks/Pulumi.bare.yaml": "config:\n  reliability:environment: dev\n" });
    try {
      expect(stackConfigBag(project.dir, readProject(project.dir), "bare").config["reliability:services"]).toBe(
        "services/*.yaml",
      );
      writeFileSync(
        join(project.dir, "stacks", "Pulumi.bare.yaml"),
        "config:\n  reliability:token:\n    secure: v1:abc\n",
      );
      expect(() => stackConfigBag(project.dir, readProject(project.dir), "bare")).toThrow(
        /only the Pulumi CLI can decrypt/,
      );
    } finally {
      project.remove();
    }
  });
});

describe("the policy pack's command line", () => {
  it("runs run-policy-pack with the engine address, the pack directory and the runtime options split as the shell splits them", () => {
    const manifest = "runtime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: --import tsx\n";
    const project = temporaryProject(ROOT, { "policies/PulumiPolicy.yaml": manifest });
    try {
      const config = stackConfigBag(project.dir, readProject(project.dir), "dev");
      const o = {
        dir: join(project.dir, "policies"),
        organization: "o",
        project: "reliability",
        stack: "dev",
        dryRun: true,
        config,
        engineAddress: "127.0.0.1:9",
        timeoutMs: 1,
      };
      const { args, env } = PolicyPack.command(o);
      expect(args).toEqual([
        require.resolve("@pulumi/pulumi/cmd/run-policy-pack"),
        "127.0.0.1:9",
        ".",
        "-typescript=false",
        "-nodeargs=--import",
        "tsx",
      ]);
      expect(env).toMatchObject({
        PULUMI_NODEJS_STACK: "dev",
        PULUMI_NODEJS_DRY_RUN: "true",
        PULUMI_STACK: "dev",
        PULUMI_PROJECT: "reliability",
      });
      expect(JSON.parse(env["PULUMI_CONFIG"] ?? "{}")).toMatchObject({ "reliability:environment": "dev" });
    } finally {
      project.remove();
    }
  });
});
