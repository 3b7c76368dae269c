/**
 * Shell completion scripts for bash, zsh and fish, generated from the command tree commander holds,
 * so every command, option and choice the CLI accepts is completed and nothing else. The scripts are
 * static (no process starts on TAB): stack names are read from `stacks/Pulumi.<stack>.yaml` and
 * positional arguments complete as files, or as the values a command lists (spec fields for explain).
 */

import type { Command } from "commander";

/** One command of the tree, as completion sees it. */
export interface CompletionNode {
  /** Words from the root to this command, joined with `/` (`""` for the root, `/chaos/calendar`). */
  readonly path: string;
  /** The command's name. */
  readonly name: string;
  /** One line about it. */
  readonly description: string;
  /** Its options. */
  readonly options: readonly CompletionOption[];
  /** Its subcommands. */
  readonly commands: readonly CompletionNode[];
  /** What its positional arguments complete to: files, listed values, or nothing. */
  readonly args: "files" | "none" | readonly string[];
}

/** One option of a command. */
export interface CompletionOption {
  /** Long flag, `--stack`. */
  readonly flag: string;
  /** One line about it. */
  readonly description: string;
  /** What its value completes to: nothing (a switch), listed choices, stack names or files. */
  readonly value: "none" | "stack" | "file" | readonly string[];
}

/** The shells completion scripts are written for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@link SHELLS}. */
export type Shell = (typeof SHELLS)[number];

/** The completion tree of a command; `values` lists the argument values of commands by name. */
export function completionTree(
  command: Command,
  values: Readonly<Record<string, readonly string[]>> = {},
  parent = "",
): CompletionNode {
  const path = command.parent ? `${parent}/${command.name()}` : "";
  const options: CompletionOption[] = command.options
    .filter((o) => o.long !== undefined)
    .map((o) => ({
      flag: o.long ?? "",
      description: o.description,
      value: !(o.required || o.optional)
        ? "none"
        : o.argChoices
          ? [...o.argChoices]
          : o.long === "--stack"
            ? "stack"
            : "file",
    }));
  options.push({ flag: "--help", description: "show help", value: "none" });
  const listed = values[command.name()];
  return {
    path,
    name: command.name(),
    description: command.description(),
    options,
    commands: command.commands.map((c) => completionTree(c, values, path)),
    args: command.registeredArguments.length === 0 ? "none" : (listed ?? "files"),
  };
}

/** Every node of a tree, root first. */
export function nodesOf(node: CompletionNode): CompletionNode[] {
  return [node, ...node.commands.flatMap(nodesOf)];
}

const STACKS_BASH = `$(command ls stacks 2>/dev/null | sed -n 's/^Pulumi\\.\\(.*\\)\\.yaml$/\\1/p')`;

/** `case` arms, shared by bash and zsh, that follow the words typed down the command tree. */
function walkArms(root: CompletionNode): string[] {
  return nodesOf(root).flatMap((n) => n.commands.map((c) => `      "${n.path}:${c.name}") cmdpath="${c.path}" ;;`));
}

/**
 * The body bash and zsh share: follow the words typed down the command tree, complete an option's
 * value, else set the command's options and words. `typed` names the shell's array of typed words.
 */
function dispatch(
  root: CompletionNode,
  typed: { readonly first: number; readonly count: string; readonly word: string },
  values: readonly string[],
  lists: readonly string[],
): string[] {
  return [
    `  for ((i = ${typed.first}; i < ${typed.count}; i++)); do`,
    `    case "$cmdpath:\${${typed.word}}" in`,
    ...walkArms(root),
    "    esac",
    "  done",
    '  case "$cmdpath:$prev" in',
    ...values,
    "  esac",
    '  case "$cmdpath" in',
    ...lists,
    "  esac",
  ];
}

/** `case` arms completing the value of each option that takes one, with `reply`. */
function valueArms(root: CompletionNode, reply: (o: CompletionOption) => string): string[] {
  return nodesOf(root).flatMap((n) =>
    n.options.flatMap((o) => (o.value === "none" ? [] : [`    "${n.path}:${o.flag}") ${reply(o)}; return ;;`])),
  );
}

/** `case` arms setting each command's options and words (subcommands, listed argument values); `files` when its arguments are files. */
function wordArms(root: CompletionNode, assign: (opts: string, cmds: string) => string): string[] {
  return nodesOf(root).map((n) => {
    const args = n.args === "none" || n.args === "files" ? "" : ` ${words(n.args)}`;
    const files = n.args === "files" ? " files=1;" : "";
    const cmds = `${words(n.commands.map((c) => c.name))}${args}`;
    return `    "${n.path}") ${assign(words(n.options.map((o) => o.flag)), cmds)};${files} ;;`;
  });
}

function words(list: readonly string[]): string {
  return list.join(" ").replace(/"/g, '\\"');
}

/** The bash completion script: `source <(reliability completion bash)`. */
export function bashScript(program: string, root: CompletionNode): string {
  const fn = `_${program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const values = valueArms(root, (o) =>
    o.value === "file"
      ? `COMPREPLY=($(compgen -f -- "$cur"))`
      : `COMPREPLY=($(compgen -W "${o.value === "stack" ? STACKS_BASH : words(o.value as readonly string[])}" -- "$cur"))`,
  );
  const lists = wordArms(root, (opts, cmds) => `opts="${opts}"; cmds="${cmds}"`);
  return [
    `# bash completion for ${program}, generated by \`${program} completion bash\`.`,
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmdpath="" opts="" cmds="" files="" i',
    ...dispatch(root, { first: 1, count: "COMP_CWORD", word: "COMP_WORDS[i]" }, values, lists),
    '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi',
    '  COMPREPLY=($(compgen -W "$cmds" -- "$cur"))',
    '  if [[ -n "$files" ]]; then COMPREPLY+=($(compgen -f -- "$cur")); fi',
    "}",
    `complete -o default -F ${fn} ${program}`,
    "",
  ].join("\n");
}

/** The zsh completion script: `source <(reliability completion zsh)` after `compinit`. */
export function zshScript(program: string, root: CompletionNode): string {
  const fn = `_${program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const values = valueArms(root, (o) =>
    o.value === "file"
      ? "_files"
      : o.value === "stack"
        ? "cands=(stacks/Pulumi.*.yaml(N:t:r:e)); cands=(${cands#Pulumi.}); compadd -a cands"
        : `cands=(${words(o.value as readonly string[])}); compadd -a cands`,
  );
  const lists = wordArms(root, (opts, cmds) => `opts=(${opts}); cmds=(${cmds})`);
  return [
    `#compdef ${program}`,
    `# zsh completion for ${program}, generated by \`${program} completion zsh\`.`,
    `${fn}() {`,
    '  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" cmdpath="" files="" i',
    "  local -a opts cmds cands",
    ...dispatch(root, { first: 2, count: "CURRENT", word: "words[i]" }, values, lists),
    '  if [[ "$cur" == -* ]]; then compadd -a opts; return; fi',
    "  compadd -a cmds",
    '  if [[ -n "$files" ]]; then _files; fi',
    "}",
    `compdef ${fn} ${program}`,
    "",
  ].join("\n");
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** The fish condition that holds once the words of `path` were typed (and, for `leaf`, no subcommand after). */
function fishCondition(node: CompletionNode, leaf: boolean): string {
  const names = node.path.split("/").filter((w) => w !== "");
  const seen = names.map((w) => `__fish_seen_subcommand_from ${w}`);
  const below =
    leaf && node.commands.length > 0
      ? [`not __fish_seen_subcommand_from ${node.commands.map((c) => c.name).join(" ")}`]
      : [];
  const all = names.length === 0 ? ["__fish_use_subcommand", ...below] : [...seen, ...below];
  return fishQuote(all.join("; and "));
}

/** The fish completion script: `reliability completion fish > ~/.config/fish/completions/reliability.fish`. */
export function fishScript(program: string, root: CompletionNode): string {
  const lines = [
    `# fish completion for ${program}, generated by \`${program} completion fish\`.`,
    `complete -c ${program} -f`,
  ];
  const stacks = "(command ls stacks 2>/dev/null | string replace -rf '^Pulumi\\.(.*)\\.yaml$' '$1')";
  for (const n of nodesOf(root)) {
    const when = fishCondition(n, true);
    for (const c of n.commands)
      lines.push(`complete -c ${program} -n ${when} -a ${c.name} -d ${fishQuote(c.description)}`);
    for (const o of n.options) {
      const value =
        o.value === "none"
          ? ""
          : o.value === "file"
            ? " -r -F"
            : o.value === "stack"
              ? ` -x -a ${fishQuote(stacks)}`
              : ` -x -a ${fishQuote(o.value.join(" "))}`;
      lines.push(`complete -c ${program} -n ${when} -l ${o.flag.slice(2)}${value} -d ${fishQuote(o.description)}`);
    }
    if (n.args === "files") lines.push(`complete -c ${program} -n ${when} -F`);
    else if (n.args !== "none") lines.push(`complete -c ${program} -n ${when} -a ${fishQuote(n.args.join(" "))}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The completion script of `shell` for a program's tree. */
export function completionScript(shell: Shell, program: string, root: CompletionNode): string {
  return shell === "bash"
    ? bashScript(program, root)
    : shell === "zsh"
      ? zshScript(program, root)
      : fishScript(program, root);
}
