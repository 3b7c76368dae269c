import { describe, expect, it } from "vitest";
import { SpecError } from "../../components/core/spec/errors.js";
import { loadStackConfig, parseStackConfig } from "../../components/spec/stack.js";
import { exampleStack, ROOT } from "../support/project.js";

const BRIDGE = { image: "ghcr.io/acme/reliability-stack:0.1.0", statusPageUrl: "https://status.acme.example" };

/** `path: message` of every diagnostic of stack `name` with its `reliability:status.incidents` replaced. */
function problems(incidents: Record<string, unknown>, name = "prod"): string[] {
  const { stack: _name, ...values } = structuredClone(exampleStack(name));
  const status = { prober: { url: "blackbox.{region}.internal:9115" }, incidents };
  try {
    parseStackConfig(name, { ...values, status } as unknown as Record<string, unknown>, `stacks/Pulumi.${name}.yaml`);
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.diagnostics.map((d) => `${d.path}: ${d.message}`);
  }
}

describe("where the stack's incident bridge runs and how the other regions reach it", () => {
  it.each([
    ["a one-region stack without a url", "dev", BRIDGE],
    ["a two-region stack with a url", "prod", { ...BRIDGE, url: "https://incident-bridge.use1.internal/webhook" }],
    [
      "a two-region stack with the bridge in its second region",
      "prod",
      { ...BRIDGE, region: "eu-west-1", url: "https://incident-bridge.euw1.internal:8443/webhook" },
    ],
  ])("accepts %s", (_what, stack, incidents) => {
    expect(problems(incidents, stack)).toEqual([]);
  });

  it.each([
    [
      "a two-region stack without a url",
      BRIDGE,
      "status.incidents.url: is required and must be set (reliability:status.incidents.url) when the stack has more than one region, because the Alertmanagers of eu-west-1 post to the one incident bridge, in us-east-1, through it: the bridge's webhook behind an internal load balancer or ingress of us-east-1, such as https://incident-bridge.internal.acme.example/webhook",
    ],
    [
      "a bridge region the stack does not have",
      { ...BRIDGE, region: "us-east-2", url: "https://bridge.internal/webhook" },
      'status.incidents.region: must be one of us-east-1, eu-west-1, got "us-east-2"; did you mean "us-east-1"?',
    ],
    [
      "a url over plain http",
      { ...BRIDGE, url: "http://incident-bridge.use1.internal/webhook" },
      'status.incidents.url: must be an https URL without query or fragment, such as https://incident-bridge.internal.acme.example/webhook (it carries the webhook token between regions), got "http://incident-bridge.use1.internal/webhook"',
    ],
    [
      "a url with a query",
      { ...BRIDGE, url: "https://incident-bridge.use1.internal/webhook?sender=x" },
      'status.incidents.url: must be an https URL without query or fragment, such as https://incident-bridge.internal.acme.example/webhook (it carries the webhook token between regions), got "https://incident-bridge.use1.internal/webhook?sender=x"',
    ],
  ])("refuses %s, naming the setting", (_what, incidents, problem) => {
    expect(problems(incidents)).toEqual([problem]);
  });

  it("reports a missing url at the position of reliability:status.incidents in the stack file", () => {
    const error = (() => {
      try {
        loadStackConfig("test/fixtures/stacks", "bridge-without-url", ROOT, ROOT);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect(
      (error as SpecError).diagnostics.map((d) => `${d.file}:${d.position.line}:${d.position.col} ${d.path}`),
    ).toEqual(["test/fixtures/stacks/Pulumi.bridge-without-url.yaml:15:7 status.incidents.url"]);
  });
});
