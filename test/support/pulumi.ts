import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { runProgram } from "../../components/pulumi/program.js";
import { ROOT } from "./project.js";

/** One resource the program registered under mocks. */
export interface Registered {
  /** Pulumi type token. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs as the engine received them (outputs resolved). */
  readonly inputs: Record<string, unknown>;
  /** Logical name of the provider that registers it (custom resources only). */
  readonly provider?: string;
  /** False for component resources. */
  readonly custom: boolean;
}

/** The config of a stack as the Pulumi engine passes it to the program (`ns:key` → string). */
export function stackConfigEnv(stack: string): Record<string, string> {
  const file = parse(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(file.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

/**
 * Runs the Pulumi program for a stack under `pulumi.runtime.setMocks` and returns every
 * registered custom resource (providers included) once all registrations have settled.
 */
export async function runUnderMocks(
  stack: string,
  config: Record<string, string> = stackConfigEnv(stack),
): Promise<Registered[]> {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const provider = args.provider ? /::([^:]+)::[^:]*$/.exec(args.provider)?.[1] : undefined;
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          custom: args.custom ?? false,
          ...(provider ? { provider } : {}),
        });
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, arn: `arn:aws:mock:::${args.name}`, id: `${args.name}-id` },
        };
      },
      call: (args) => args.inputs,
    },
    "reliability",
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(config);
  runProgram();
  await settle(registered);
  return registered;
}

async function settle(registered: Registered[]): Promise<void> {
  // Registrations resolve asynchronously; wait until the count stops changing.
  let last = -1;
  while (registered.length !== last) {
    last = registered.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
