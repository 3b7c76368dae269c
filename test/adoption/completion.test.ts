import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../cli/main.js";
import { completionTree, nodesOf, SHELLS, type Shell } from "../../cli/completion.js";
import { run } from "../cli/harness.js";
import { ROOT } from "../support/project.js";

const dir = mkdtempSync(join(tmpdir(), "reliability-completion-"));
const scripts: Partial<Record<Shell, string>> = {};

beforeAll(async () => {
  for (const shell of SHELLS) {
    const result = await run(ROOT, "completion", shell);
    expect(result.code).toBe(0);
    scripts[shell] = join(dir, `reliability.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** What each shell completes for a command line whose last word is being typed. */
const COMPLETE: Readonly<Record<Shell, (words: readonly string[]) => string[]>> = {
  bash: (words) => {
    const script = `source ${q(scripts.bash ?? "")}; COMP_WORDS=(${words.map(q).join(" ")}); COMP_CWORD=${words.length - 1}; _reliability; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return lines(execFileSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8" }));
  },
  zsh: (words) => {
    // compadd keeps the candidates that start with the word typed, as zsh's own does; files are left out.
    const stubs =
      "compdef() { :; }; compadd() { [[ $1 == -a ]] && print -l -- ${(M)${(P)2}:#${cur}*}; }; _files() { :; };";
    const script = `${stubs} source ${q(scripts.zsh ?? "")}; words=(${words.map(q).join(" ")}); CURRENT=${words.length}; _reliability`;
    return lines(execFileSync("zsh", ["-f", "-c", script], { cwd: ROOT, encoding: "utf8" }));
  },
  fish: (words) => {
    const script = `source ${q(scripts.fish ?? "")}; complete -C ${q(words.join(" "))}`;
    return lines(execFileSync("fish", ["--no-config", "-c", script], { cwd: ROOT, encoding: "utf8" })).map(
      (l) => l.split("\t")[0] ?? l,
    );
  },
};

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

const CASES: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ["the commands starting with the letters typed", ["reliability", "ch"], ["chaos", "check"]],
  ["the choices of an option", ["reliability", "plan", "--format", ""], ["json", "text"]],
  ["the stacks of the project for --stack", ["reliability", "check", "--stack", ""], ["dev", "prod", "staging"]],
  ["the subcommands of a command", ["reliability", "chaos", ""], ["calendar", "freeze", "pause", "resume"]],
  ["an option of a subcommand", ["reliability", "chaos", "calendar", "--da"], ["--days"]],
  [
    "the tiers for init --tier",
    ["reliability", "init", "orders", "--tier", ""],
    ["best-effort", "critical", "standard"],
  ],
  ["spec fields for explain", ["reliability", "explain", "objectives.r"], ["objectives.rpo", "objectives.rto"]],
];

describe.each(SHELLS)("the %s completion script", (shell) => {
  it.each(CASES)("completes %s", (_what, words, expected) => {
    expect(COMPLETE[shell](words).sort()).toEqual([...expected].sort());
  });

  it("offers every command of the CLI at the top level", () => {
    const commands = buildProgram({ out: () => undefined, err: () => undefined, cwd: ROOT }, { code: 0 }).commands;
    expect(COMPLETE[shell](["reliability", ""]).filter((w) => !w.endsWith("/"))).toEqual(
      expect.arrayContaining(commands.map((c) => c.name())),
    );
  });
});

describe("the bash completion script", () => {
  it("registers the completion function for reliability", () => {
    const out = execFileSync("bash", ["-c", `source ${q(scripts.bash ?? "")}; complete -p reliability`], {
      encoding: "utf8",
    });
    expect(out.trim()).toBe("complete -o default -F _reliability reliability");
  });
});

describe("the completion tree", () => {
  it("holds every option of every command, as commander defines them", () => {
    const program = buildProgram({ out: () => undefined, err: () => undefined, cwd: ROOT }, { code: 0 });
    const tree = nodesOf(completionTree(program));
    const plan = tree.find((n) => n.path === "/plan");
    expect(plan?.options.map((o) => o.flag)).toEqual([...program.commands[0]!.options.map((o) => o.long), "--help"]);
    expect(tree.map((n) => n.path)).toContain("/chaos/calendar");
  });

  it("refuses a shell it does not know with exit 2", async () => {
    expect((await run(ROOT, "completion", "powershell")).code).toBe(2);
  });
});
