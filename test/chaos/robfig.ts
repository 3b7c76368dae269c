/**
 * The real robfig/cron v3.0.1 (Debian's golang-github-robfig-cron-dev, built offline with Debian's
 * Go from `test/chaos/robfig/main.go`), to compare the firing model with. `robfigBinary()` is
 * undefined where Go or the library is not installed (.ci/run installs both).
 */

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/temp.js";

const LIBRARY = "/usr/share/gocode/src/github.com/robfig/cron/spec.go";

let built: string | undefined | null = null;

/** Path of the built program (removed when the test file is done), or undefined when it cannot be built here. */
export function robfigBinary(): string | undefined {
  if (built !== null) return built;
  built = undefined;
  if (!existsSync(LIBRARY)) return built;
  const dir = tempDir("robfig", "file");
  const binary = join(dir, "robfig-next");
  try {
    execFileSync("go", ["build", "-o", binary, join(__dirname, "robfig", "main.go")], {
      env: {
        ...process.env,
        GO111MODULE: "off",
        GOPATH: "/usr/share/gocode",
        GOCACHE: join(dir, "cache"),
        GOFLAGS: "",
      },
      stdio: "pipe",
    });
    built = binary;
  } catch {
    built = undefined;
  }
  return built;
}

/** One question to robfig: `count` firings after `from` (epoch seconds) of `CRON_TZ=<zone> <cron>`. */
export interface RobfigRequest {
  /** IANA zone. */
  readonly zone: string;
  /** Five-field cron. */
  readonly cron: string;
  /** Start, epoch seconds (exclusive). */
  readonly from: number;
  /** How many firings. */
  readonly count: number;
}

/** robfig's firings (epoch seconds) for each request, in order. */
export function robfigFiringsOf(binary: string, requests: readonly RobfigRequest[]): number[][] {
  const input = requests.map((r) => `${r.count} ${r.from} CRON_TZ=${r.zone} ${r.cron}`).join("\n");
  const output = execFileSync(binary, { input: `${input}\n`, encoding: "utf8", maxBuffer: 64 << 20 });
  return output
    .trimEnd()
    .split("\n")
    .map((line) => {
      if (line.startsWith("error:")) throw new Error(line);
      return line === "" ? [] : line.split(" ").map(Number);
    });
}
