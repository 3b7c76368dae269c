/**
 * The endpoint alerts reach people through the service's own AlertmanagerConfig (owned by the alerts
 * domain): Alertmanager 0.25's `amtool config routes test` resolves each alert's labels, with the
 * `namespace` matcher the operator adds, to the receiver that gets it.
 */

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { isAlertingRule } from "../../components/domains/alerts/types.js";
import { ALERTMANAGER_CONFIG_TYPE } from "../../components/domains/alerts/plan.js";
import { operatorConfig, type AlertmanagerConfigObject } from "../support/alertmanager.js";
import { planExamples } from "../support/project.js";
import { tempDir } from "../support/temp.js";
import { endpointGroup } from "./support.js";

const { plan } = planExamples("prod");
const REGION = "us-east-1";

function receiverFor(labels: Readonly<Record<string, string>>): string {
  const amc = plan.services
    .flatMap((s) => s.resources)
    .find((r) => r.region === REGION && r.service === "checkout" && r.type === ALERTMANAGER_CONFIG_TYPE);
  const object = amc?.props as unknown as AlertmanagerConfigObject;
  const file = join(tempDir("status-routes"), "alertmanager.yml");
  writeFileSync(file, stringify(operatorConfig([object]), { lineWidth: 0 }));
  const args = [
    "config",
    "routes",
    "test",
    `--config.file=${file}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ];
  const run = spawnSync("amtool", args, { encoding: "utf8", timeout: 30_000 });
  if (run.error)
    throw new Error(`amtool could not run (${run.error.message}); install Debian's prometheus-alertmanager`);
  if (run.status !== 0) throw new Error(`amtool failed: ${run.stdout}${run.stderr}`);
  return run.stdout.trim();
}

describe("checkout's endpoint alerts in prod", () => {
  const alerts = endpointGroup(plan, REGION).rules.filter(isAlertingRule);

  it.each([
    ["EndpointDown", "checkout/checkout/pager-payments"],
    ["EndpointDegraded", "checkout/checkout/chat-payments"],
    ["EndpointSlow", "checkout/checkout/chat-payments"],
    ["EndpointCertificateExpiring", "checkout/checkout/chat-payments"],
  ])("route %s to %s", (name, receiver) => {
    const rule = alerts.find((a) => a.alert === name);
    expect(rule).toBeDefined();
    expect(receiverFor({ alertname: name, ...rule?.labels, endpoint: "public", probe_region: "eu-west-1" })).toBe(
      receiver,
    );
  });

  it("carry the component and service of the status page, and a runbook link", () => {
    for (const rule of alerts) {
      expect(rule.labels).toMatchObject({ service: "checkout", component: "Checkout API", namespace: "checkout" });
      expect(rule.annotations["runbook_url"]).toBe(
        `https://runbooks.acme.example/checkout#${rule.alert.toLowerCase()}`,
      );
    }
  });
});
