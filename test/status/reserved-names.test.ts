import { describe, expect, it } from "vitest";
import { exampleStack, loadObject } from "../support/project.js";
import { publicSpec, withStatus } from "./support.js";

/** `file:line:col path: message` of every diagnostic of the public spec with `changes`, for `stack`. */
function problems(changes: Record<string, unknown>, stack = exampleStack("prod")): string[] {
  return loadObject(publicSpec(changes), stack).diagnostics.map(
    (d) => `${d.file}:${d.position.line}:${d.position.col} ${d.path}: ${d.message}`,
  );
}

/** The prod stack with the incident bridge in namespace `namespace`. */
function bridgeIn(namespace: string) {
  const status = exampleStack("prod").status;
  if (!status?.incidents) throw new Error("the prod stack runs no incident bridge");
  return withStatus("prod", { ...status, incidents: { ...status.incidents, namespace } });
}

describe("service names the stack's shared objects reserve", () => {
  it("accepts a name close to the incident bridge's", () => {
    expect(problems({ "metadata.name": "incident-bridges", "spec.dns.name": "ib.acme.example" })).toEqual([]);
  });

  it.each([
    ["with the stack's incident bridge", exampleStack("prod")],
    ["without one (the name is reserved in every stack)", withStatus("prod", undefined)],
  ])("rejects a service named incident-bridge %s, at metadata.name", (_when, stack) => {
    expect(problems({ "metadata.name": "incident-bridge", "spec.dns.name": "ib.acme.example" }, stack)).toEqual([
      'services/orders.yaml:4:9 metadata.name: must not be incident-bridge, the name of objects the stack shares (the incident bridge), because the service\'s objects and plan keys would collide with theirs, got "incident-bridge"',
    ]);
  });

  it("rejects a service whose namespace is the one the stack's incident bridge is configured to use", () => {
    expect(
      problems({ "metadata.name": "alerts-relay", "spec.dns.name": "ar.acme.example" }, bridgeIn("alerts-relay")),
    ).toEqual([
      'services/orders.yaml:4:9 metadata.name: must not give the service the namespace "alerts-relay" of the incident bridge (reliability:status.incidents.namespace), because the stack plans that Namespace for the bridge; got "alerts-relay"',
    ]);
  });
});
