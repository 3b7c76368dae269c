import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parseDuration } from "../../components/core/units.js";
import { INCIDENT_DEFAULTS } from "../../components/domains/status/defaults.js";
import { INCIDENT_NAMES } from "../../components/domains/status/incident-names.js";
import type { BridgeConfig } from "../../components/incidents/run.js";
import { baseCommand, resolvePath, type RunState } from "../command.js";
import { EXIT, type Io, UsageError } from "../io.js";

/** Options of `reliability incidents serve`, as commander parses them. */
interface ServeOptions {
  readonly listen: string;
  readonly database: string;
  readonly statusPageUrl: string;
  readonly apiKeyEnv: string;
  readonly apiKeyFile?: string;
  readonly tokenEnv: string;
  readonly tokenFile?: string;
  readonly flapWindow: string;
  readonly queueLimit: string;
  readonly retryMin: string;
  readonly retryMax: string;
  readonly callTimeout: string;
  readonly maxBodyBytes: string;
}

const d = INCIDENT_DEFAULTS;

/**
 * `reliability incidents serve`: the incident bridge. Receives Alertmanager notifications and keeps one
 * incident per status-page component open while its outage lasts; runs until SIGTERM or SIGINT.
 */
export function incidentsCommand(io: Io, state: RunState): Command {
  const serve = baseCommand("serve", io)
    .description("receive Alertmanager notifications and open, update and resolve incidents on a Kener status page")
    .option("--listen <host:port>", "address to listen on", `0.0.0.0:${d.port}`)
    .requiredOption("--database <file>", "SQLite file of the bridge's state (created when missing)")
    .requiredOption("--status-page-url <url>", "base URL of the Kener site (its API is under /api/v4)")
    .option("--api-key-env <name>", "environment variable holding the Kener API key", INCIDENT_NAMES.apiKeyEnv)
    .option("--api-key-file <path>", "file holding the Kener API key (instead of the environment variable)")
    .option(
      "--token-env <name>",
      "environment variable holding the Bearer token Alertmanager sends",
      INCIDENT_NAMES.tokenEnv,
    )
    .option("--token-file <path>", "file holding that token (instead of the environment variable)")
    .option("--flap-window <duration>", "re-open an incident whose outage starts again within this time", d.flapWindow)
    .option("--queue-limit <n>", "most status-page calls waiting before updates are dropped", String(d.queueLimit))
    .option("--retry-min <duration>", "first retry delay of a failed status-page call", d.retryMin)
    .option("--retry-max <duration>", "longest retry delay", d.retryMax)
    .option("--call-timeout <duration>", "longest one status-page call may take", d.callTimeout)
    .option("--max-body-bytes <n>", "largest notification accepted (larger: 413)", String(d.maxBodyBytes))
    .action(async (options: ServeOptions) => {
      // Loaded here, so no other command pays for the bridge's SQLite and metrics packages.
      const { startBridge } = await import("../../components/incidents/run.js");
      const bridge = await startBridge(serveConfig(io, options));
      io.err(`incident bridge listening on ${bridge.url}`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once("SIGTERM", () => resolve("SIGTERM"));
        process.once("SIGINT", () => resolve("SIGINT"));
      });
      io.err(`${signal}: stopping the incident bridge`);
      await bridge.close();
      state.code = EXIT.ok;
    });
  return baseCommand("incidents", io)
    .description("automatic incidents on the status page from the endpoint alerts")
    .addCommand(serve);
}

/** The bridge's configuration from the command line; every bad option is a UsageError naming it. */
export function serveConfig(io: Io, options: ServeOptions): BridgeConfig {
  const [, host, port] = /^(.*):(\d{1,5})$/.exec(options.listen) ?? [];
  if (host === undefined || port === undefined || Number(port) > 65_535)
    throw new UsageError(`--listen must be host:port such as 0.0.0.0:8080, got ${JSON.stringify(options.listen)}`);
  if (!/^https?:\/\/[^\s/]+/.test(options.statusPageUrl))
    throw new UsageError(`--status-page-url must be an http(s) URL, got ${JSON.stringify(options.statusPageUrl)}`);
  return {
    host: host.replace(/^\[(.*)\]$/, "$1"),
    port: Number(port),
    database: resolvePath(io, options.database),
    statusPageUrl: options.statusPageUrl,
    apiKey: secret(io, "--api-key", options.apiKeyEnv, options.apiKeyFile),
    token: secret(io, "--token", options.tokenEnv, options.tokenFile),
    flapWindowMs: duration("--flap-window", options.flapWindow),
    queueLimit: count("--queue-limit", options.queueLimit),
    retryMinMs: duration("--retry-min", options.retryMin),
    retryMaxMs: duration("--retry-max", options.retryMax),
    callTimeoutMs: duration("--call-timeout", options.callTimeout),
    maxBodyBytes: count("--max-body-bytes", options.maxBodyBytes),
    log: (line) => io.err(line),
  };
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new UsageError(`${flag} must be a duration such as 30s or 15m, got ${JSON.stringify(text)}`);
  return ms;
}

function count(flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`${flag} must be a positive whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** A secret from a file (trailing newline removed) or else from an environment variable; never from a flag. */
function secret(io: Io, flag: string, env: string, file: string | undefined): string {
  let value: string | undefined;
  if (file !== undefined) {
    try {
      value = readFileSync(resolvePath(io, file), "utf8").trim();
    } catch (error) {
      throw new UsageError(`${flag}-file ${file} cannot be read: ${(error as Error).message}`);
    }
  } else value = process.env[env]?.trim();
  if (!value)
    throw new UsageError(
      `${flag} is empty: set the environment variable ${env} (or ${flag}-env to name another) or pass ${flag}-file`,
    );
  return value;
}
