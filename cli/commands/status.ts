import { type Command, Option } from "commander";
import { colors as pc } from "../../components/render/colors.js";
import { KENER_NAMES } from "../../components/core/status-page.js";
import { applyChanges, SyncError } from "../../components/domains/status/kener/apply.js";
import { KenerClient, KenerError, kenerApiKey } from "../../components/domains/status/kener/client.js";
import { monitorOf } from "../../components/domains/status/kener/monitors.js";
import { changeSet } from "../../components/domains/status/kener/sync.js";
import { pageChecks } from "../../components/domains/status/page.js";
import { baseCommand, planFromOptions, type RunState, type StackOptions, withStackOptions } from "../command.js";
import { EXIT, type Io, UsageError } from "../io.js";
import { renderSyncJson, renderSyncText, type SyncReport } from "./status-report.js";

interface SyncOptions extends StackOptions {
  readonly kenerUrl: string;
  readonly dryRun?: boolean;
  readonly prune?: boolean;
  readonly format: "text" | "json";
}

/** `reliability status sync`: the services' endpoints as Kener monitors. */
export function statusCommand(io: Io, state: RunState): Command {
  return baseCommand("status", io).description("status pages kept as code").addCommand(syncCommand(io, state));
}

/** The Kener site URL, checked. */
function kenerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--kener-url must be the URL of the Kener site, such as https://status.acme.example, got ${JSON.stringify(text)}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(`--kener-url must be an http or https URL, got ${JSON.stringify(text)}`);
  return text.replace(/\/+$/, "");
}

function apiKey(): string {
  try {
    return kenerApiKey();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `reliability status sync --stack <name> --kener-url <url> [--dry-run] [--prune] [--format text|json]` */
function syncCommand(io: Io, state: RunState): Command {
  return withStackOptions(baseCommand("sync", io))
    .description(
      `create and update the Kener monitors of the services' endpoints (API key in ${KENER_NAMES.apiKeyEnv}); exit 1 when a tag is taken by a monitor it does not manage or Kener fails`,
    )
    .requiredOption("--kener-url <url>", "URL of the Kener site (its API is under /api/v4)")
    .option("--dry-run", "print the change set and change nothing")
    .option("--prune", "deactivate managed monitors no spec asks for any more (Kener's API cannot delete)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (options: SyncOptions) => {
      const url = kenerUrl(options.kenerUrl);
      const key = apiKey();
      const { plan, services, stack } = planFromOptions(io, options);
      const wanted = pageChecks(plan, services).map((c) => monitorOf(c, stack.stack));
      const client = new KenerClient({ baseUrl: url, apiKey: key });
      const render = options.format === "json" ? renderSyncJson : renderSyncText;
      const base = { kener: url, dryRun: options.dryRun === true, prune: options.prune === true };
      try {
        const set = changeSet(wanted, await client.listMonitors(), { prune: base.prune, stack: stack.stack });
        if (set.conflicts.length > 0 || base.dryRun) {
          io.out(render({ ...base, set, applied: 0 }));
          state.code = set.conflicts.length > 0 ? EXIT.violation : EXIT.ok;
          return;
        }
        const applied = await applyChanges(client, set.changes);
        io.out(render({ ...base, set, applied } satisfies SyncReport));
        state.code = EXIT.ok;
      } catch (error) {
        if (!(error instanceof KenerError || error instanceof SyncError)) throw error;
        io.err(`${pc.red("error")} ${error.message}`);
        state.code = EXIT.violation;
      }
    });
}
