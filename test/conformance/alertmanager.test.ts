import { describe, expect, it } from "vitest";
import { amtoolCheckConfig, operatorConfig, type AlertmanagerConfigObject } from "../support/alertmanager.js";
import { STACKS } from "../support/project.js";
import { renderedObjects } from "./rendered.js";

/** The AlertmanagerConfig objects of a stack with the cluster (region) each is applied to. */
function alertmanagerConfigs(stack: string): { region: string; object: AlertmanagerConfigObject }[] {
  return renderedObjects(stack)
    .filter((r) => r.object.kind === "AlertmanagerConfig")
    .map((r) => ({ region: r.region, object: r.object as unknown as AlertmanagerConfigObject }));
}

const cases = STACKS.flatMap((stack) =>
  alertmanagerConfigs(stack).map(({ region, object }) => [stack, region, object.metadata.name, object] as const),
);

describe("AlertmanagerConfig as the prometheus-operator hands it to Alertmanager", () => {
  it("is rendered for at least one service in every stack", () => {
    for (const stack of STACKS) expect(alertmanagerConfigs(stack).length, stack).toBeGreaterThan(0);
  });

  it.each(cases)(
    "%s %s: %s converts to a configuration amtool check-config accepts",
    (_stack, _region, _name, object) => {
      const result = amtoolCheckConfig(operatorConfig([object]));
      expect(result.output).toContain("SUCCESS");
      expect(result.status).toBe(0);
    },
  );

  it.each(STACKS.map((s) => [s]))(
    "%s: every cluster's AlertmanagerConfigs merged into one configuration pass amtool check-config",
    (stack) => {
      const regions = new Set(alertmanagerConfigs(stack).map((c) => c.region));
      for (const region of regions) {
        const objects = alertmanagerConfigs(stack)
          .filter((c) => c.region === region)
          .map((c) => c.object);
        const result = amtoolCheckConfig(operatorConfig(objects));
        expect(result.output, `${stack} ${region}`).toContain("SUCCESS");
        expect(result.status, `${stack} ${region}`).toBe(0);
      }
    },
  );

  it("renames receivers <namespace>/<name>/<receiver>, matches the namespace and resolves secrets to placeholders", () => {
    const config = operatorConfig([
      {
        metadata: { namespace: "shop", name: "orders" },
        spec: {
          route: { receiver: "chat", matchers: [{ name: "service", value: "orders" }] },
          receivers: [
            { name: "chat", slackConfigs: [{ apiURL: { name: "receivers", key: "slack-url" }, channel: "#shop" }] },
          ],
        },
      },
    ]) as {
      route: { routes: { receiver: string; matchers: string[]; continue: boolean }[] };
      receivers: { name: string; slack_configs?: { api_url: string }[] }[];
    };
    expect(config.route.routes[0]).toEqual({
      receiver: "shop/orders/chat",
      matchers: ['namespace="shop"', 'service="orders"'],
      continue: true,
    });
    expect(config.receivers.map((r) => r.name)).toEqual(["null", "shop/orders/chat"]);
    expect(config.receivers[1]?.slack_configs?.[0]?.api_url).toBe("https://secret.invalid/shop/receivers/slack-url");
  });

  it("refuses to drop a field it does not know instead of converting it silently", () => {
    const object = {
      metadata: { namespace: "a", name: "b" },
      spec: { route: { receiver: "x", muteTimeIntervals: ["night"] } as never, receivers: [{ name: "x" }] },
    };
    expect(() => operatorConfig([object])).toThrow("does not support route field(s) muteTimeIntervals");
  });
});
