import { resolve } from "node:path";
import { planningIssues, stackIssues } from "../domains/index.js";
import type { StackIssue } from "../core/module.js";
import { runChecks } from "./checks/index.js";
import type { SpecIssue } from "../core/spec/checks.js";
import { quote, type Diagnostic } from "../core/spec/errors.js";
import { deepMerge, isMapping, overlayOwns, setOwn } from "./merge.js";
import { readTextFile } from "./read.js";
import { parseSource, quickSource, type PathSegment, type SourceFile } from "../core/spec/positions.js";
import { resolveService } from "./resolve.js";
import type { ResolvedService, ServiceInput, ServiceSource, SourceMap } from "../core/spec/service.js";
import { serviceSchema } from "./schema/index.js";
import { duplicateNames, type NamedSpec } from "./duplicates.js";

import type { StackConfig } from "../core/stack/config.js";
import { formatPath, zodDiagnostics, type Locator } from "../core/spec/validate.js";

/** An input file: its name (as diagnostics show it) and its text. */
export interface SpecText {
  /** Path shown in diagnostics. */
  readonly file: string;
  /** YAML text. */
  readonly text: string;
}

/** What loading produced: services for the stack's environment and every problem found. */
export interface LoadResult {
  /** Services that validated, in file order. */
  readonly services: readonly ResolvedService[];
  /** Problems in any file; when non-empty, the services must not be planned. */
  readonly diagnostics: readonly Diagnostic[];
  /** Where each service's fields are written (overlay-aware), by service name. */
  readonly sources: SourceMap;
}

/** Without a stack, specs are resolved for this environment name (no overlay applies). */
export const BASE_ENVIRONMENT = "base";

/**
 * Loads, validates and resolves spec texts for a stack: the base spec with the overlay of the
 * stack's environment (other environments' overlays are not validated; `reliability validate`
 * does that). Without a stack, validates the base spec and every declared environment's overlay,
 * and returns the base services (`environment: "base"`).
 * Never throws for bad input: every problem becomes a diagnostic.
 */
export function loadSpecs(texts: readonly SpecText[], stack?: StackConfig, onLoaded?: OnLoaded): LoadResult {
  const { loaded, diagnostics } = loadEach(texts, stack, onLoaded);
  const all = [...diagnostics, ...duplicateNames(loaded.map(namedSpec))];
  const sources: SourceMap = new Map(loaded.map((l) => [l.service.name, l.source]));
  if (stack && all.length === 0) all.push(...fleetIssues(loaded, stack, sources));
  return { services: all.length > 0 ? [] : loaded.map((l) => l.service), diagnostics: all, sources };
}

/** Problems across the services of a stack (such as call budgets along the call graph), at their positions in both files. */
export function fleetIssues(loaded: readonly LoadedSpec[], stack: StackConfig, sources: SourceMap): Diagnostic[] {
  const services = loaded.map((l) => l.service);
  return stackIssues(services, stack).map((issue) => acrossServices(issue, sources));
}

/**
 * Loads each text on its own, as {@link loadSpecs} does, but checks nothing across files: names
 * must still be checked unique ({@link duplicateNames}) over every file of the run.
 */
export function loadEach(
  texts: readonly SpecText[],
  stack?: StackConfig,
  onLoaded?: OnLoaded,
  planning: Planning = "plan",
): {
  readonly loaded: readonly LoadedSpec[];
  readonly diagnostics: readonly Diagnostic[];
  /** With planning deferred: the services of files with other problems that planning could add to, in file order. */
  readonly unplanned: readonly LoadedSpec[];
} {
  const loaded: LoadedSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  const unplanned: LoadedSpec[] = [];
  for (const [i, t] of texts.entries()) {
    const result = loadOne(t, stack, planning);
    diagnostics.push(...result.diagnostics);
    if (result.loaded) loaded.push(result.loaded);
    if (result.unplanned) unplanned.push(result.unplanned);
    onLoaded?.(i + 1, texts.length);
  }
  return { loaded, diagnostics, unplanned };
}

/**
 * Whether loading a service for a stack also plans it, reporting what only planning finds with
 * the other problems of its file, or defers that to a caller that plans it anyway (which then
 * reports those problems with {@link locateIssues}, in the same words and at the same positions).
 */
export type Planning = "plan" | "defer";

/** A loaded spec's name and where it is written, for {@link duplicateNames}. */
export function namedSpec(l: LoadedSpec): NamedSpec {
  return { name: l.service.name, file: l.source.file, nameAt: () => l.source.locate(["metadata", "name"]) };
}

/** Called after each spec is loaded (and, for a stack, planned unless planning is deferred): how many of how many. */
export type OnLoaded = (done: number, total: number) => void;

/**
 * Reads spec files from disk and loads them; unreadable files become diagnostics.
 * Files are read relative to `cwd` and named in diagnostics as given; a file whose symbolic links
 * lead out of `root` (the project root, `cwd` unless given; `false` reads anywhere) is refused.
 */
export function loadSpecFiles(
  files: readonly string[],
  stack?: StackConfig,
  cwd = process.cwd(),
  root: string | false = cwd,
  onLoaded?: OnLoaded,
): LoadResult {
  const { texts, unreadable } = readSpecTexts(files, cwd, root);
  const result = loadSpecs(texts, stack, onLoaded);
  return {
    ...result,
    services: unreadable.length > 0 ? [] : result.services,
    diagnostics: [...unreadable, ...result.diagnostics],
  };
}

/**
 * Reads spec files as {@link loadSpecFiles} does: their texts, and a diagnostic for each file that
 * cannot be read.
 */
export function readSpecTexts(
  files: readonly string[],
  cwd: string,
  root: string | false,
): { readonly texts: readonly SpecText[]; readonly unreadable: readonly Diagnostic[] } {
  const texts: SpecText[] = [];
  const unreadable: Diagnostic[] = [];
  for (const file of files) {
    const read = readTextFile(resolve(cwd, file), root || undefined);
    if ("text" in read) texts.push({ file, text: read.text });
    else unreadable.push({ file, position: { line: 1, col: 1 }, path: "", message: read.problem });
  }
  return { texts, unreadable };
}

/** A service and where its fields are written. */
export interface LoadedSpec {
  readonly service: ResolvedService;
  readonly source: ServiceSource;
}

interface OneResult {
  readonly loaded?: LoadedSpec;
  readonly diagnostics: readonly Diagnostic[];
  /** With planning deferred: the service, resolved and checked without a problem, of a file with other problems (planning it would add its problems to them). */
  readonly unplanned?: LoadedSpec;
}

/**
 * Loads one file. A file is first read quickly without positions; any problem in it, from the
 * YAML to the cross-field checks, sends the whole file through the positioned parser, so every
 * diagnostic comes from the same read of the file that `parseSource` gives.
 */
function loadOne(t: SpecText, stack: StackConfig | undefined, planning: Planning): OneResult {
  let parsed: SourceFile | undefined;
  const positioned = (): SourceFile => (parsed ??= parseSource(t.file, t.text));
  const quick = quickSource(t.file, t.text, positioned);
  const result = quick ? loadSource(quick, t, stack, planning) : undefined;
  return result && result.diagnostics.length === 0 ? result : loadSource(positioned(), t, stack, planning);
}

function loadSource(source: SourceFile, t: SpecText, stack: StackConfig | undefined, planning: Planning): OneResult {
  if (source.syntaxErrors.length > 0) return { diagnostics: source.syntaxErrors };
  if (!isMapping(source.value)) {
    const got =
      source.value === null || source.value === undefined
        ? "an empty document"
        : Array.isArray(source.value)
          ? "a list"
          : quote(source.value);
    return {
      diagnostics: [
        {
          file: t.file,
          position: { line: 1, col: 1 },
          path: "",
          message: `must be a YAML mapping with apiVersion, kind, metadata and spec, got ${got}`,
        },
      ],
    };
  }
  const reserved = reservedKeys(source);
  if (reserved.length > 0) return { diagnostics: reserved };
  const { base, overlays, problems } = splitOverlays(source);
  const target = stack?.environment;
  const environments = new Set<string | undefined>(stack ? [target] : [undefined, ...overlays.keys()]);
  const diagnostics: Diagnostic[] = [...problems];
  let loaded: LoadedSpec | undefined;
  let unplanned: LoadedSpec | undefined;
  for (const env of environments) {
    const overlay = env === undefined ? undefined : overlays.get(env);
    const merged = overlay === undefined ? base : withSpec(base, deepMerge(base["spec"], overlay));
    const toSource = overlayPath(env, overlay);
    const locate: Locator = (path, at) => source.locate(toSource(path), at);
    const parsed = serviceSchema.safeParse(merged);
    if (!parsed.success) {
      diagnostics.push(...zodDiagnostics(parsed.error, merged, t.file, locate, serviceSchema, toSource));
      continue;
    }
    const resolved = resolveFor(parsed.data, env, stack && { config: stack, planning }, {
      file: t.file,
      locate: (path) => locate([...path], "value"),
      sourcePath: (path) => toSource([...path]),
      written: (path) => isWritten(merged, path),
    });
    diagnostics.push(...resolved.diagnostics);
    if (env === target) loaded = resolved.loaded;
    if (env === target && stack && planning === "defer" && resolved.diagnostics.length === 0) unplanned = loaded;
  }
  if (diagnostics.length === 0) return { ...(loaded ? { loaded } : {}), diagnostics };
  return { diagnostics, ...(unplanned ? { unplanned } : {}) };
}

/** Whether `path` leads to a value in `root` (a key that is present, an index within its list). */
function isWritten(root: unknown, path: readonly PathSegment[]): boolean {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

function resolveFor(
  input: ServiceInput,
  env: string | undefined,
  stack: { readonly config: StackConfig; readonly planning: Planning } | undefined,
  source: ServiceSource,
): OneResult {
  const onStack = stack && env === stack.config.environment ? stack.config : undefined;
  const service = resolveService(
    input,
    {
      environment: env ?? BASE_ENVIRONMENT,
      ...(onStack?.namespacePrefix ? { namespacePrefix: onStack.namespacePrefix } : {}),
      ...(onStack ? { stack: onStack } : {}),
    },
    source.file,
  );
  const checked = runChecks({ service, input, ...(onStack ? { stack: onStack } : {}) });
  const plans = checked.length === 0 && onStack && stack?.planning === "plan";
  const issues = plans ? planningIssues(service, onStack) : checked;
  return { loaded: { service, source }, diagnostics: locateIssues(issues, source) };
}

/** Issues found in one service, at their positions in its file. */
export function locateIssues(issues: readonly SpecIssue[], source: ServiceSource): Diagnostic[] {
  return issues.map((i): Diagnostic => {
    const related = (i.related ?? []).map((path) => ({
      position: source.locate(path),
      path: formatPath(source.sourcePath(path)),
    }));
    return {
      file: source.file,
      position: source.locate(i.path),
      path: formatPath(source.sourcePath(i.path)),
      message: i.message,
      ...(related.length > 0 ? { related } : {}),
    };
  });
}

/** A problem across services, at its field and each related field in its own service's file. */
function acrossServices(issue: StackIssue, sources: SourceMap): Diagnostic {
  const at = (service: string, path: readonly PathSegment[]) => {
    const source = sources.get(service);
    return source
      ? { file: source.file, position: source.locate(path), path: formatPath(source.sourcePath(path)) }
      : { file: service, position: { line: 1, col: 1 }, path: formatPath([...path]) };
  };
  const related = (issue.related ?? []).map((r) => at(r.service, r.path));
  return { ...at(issue.service, issue.path), message: issue.message, ...(related.length > 0 ? { related } : {}) };
}

/** The document with `spec` replaced; `root` is not changed. */
function withSpec(root: Record<string, unknown>, spec: unknown): Record<string, unknown> {
  const out = { ...root };
  setOwn(out, "spec", spec);
  return out;
}

/** Keys JavaScript gives a meaning to, refused wherever they are written so none is dropped on the way. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__"]);

/** A diagnostic for each reserved key in the document, at the key. */
function reservedKeys(source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: source.value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path } = next;
    if (node === null || typeof node !== "object") continue;
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, Array.isArray(node) ? Number(key) : key];
      stack.push({ node: child, path: at });
      if (!RESERVED_KEYS.has(key) || Array.isArray(node)) continue;
      out.push({
        file: source.file,
        position: source.locate(at, "key"),
        path: formatPath(at),
        message: `key ${quote(key)} is reserved (JavaScript gives it a meaning) and cannot be used as a name; rename it`,
      });
    }
  }
  return out;
}

function splitOverlays(source: SourceFile): {
  base: Record<string, unknown>;
  overlays: Map<string, unknown>;
  problems: Diagnostic[];
} {
  const root = source.value as Record<string, unknown>;
  const spec = root["spec"];
  if (!isMapping(spec) || !Object.hasOwn(spec, "environments"))
    return { base: root, overlays: new Map(), problems: [] };
  const { environments, ...rest } = spec;
  const problems: Diagnostic[] = [];
  const overlays = new Map<string, unknown>();
  if (!isMapping(environments)) {
    problems.push({
      file: source.file,
      position: source.locate(["spec", "environments"]),
      path: "spec.environments",
      message: `must be a mapping of environment names to overlays, such as { dev: { workload: { replicas: 1 } } }, got ${quote(environments)}`,
    });
  } else {
    for (const [env, overlay] of Object.entries(environments)) {
      if (isMapping(overlay)) overlays.set(env, overlay);
      else
        problems.push({
          file: source.file,
          position: source.locate(["spec", "environments", env]),
          path: formatPath(["spec", "environments", env]),
          message: `must be a mapping of spec fields to override, got ${quote(overlay)}`,
        });
    }
  }
  return { base: withSpec(root, rest), overlays, problems };
}

type PathMap = (path: PathSegment[]) => PathSegment[];

/** Maps a path of the merged document to where it is written: inside the overlay when the overlay sets it. */
function overlayPath(env: string | undefined, overlay: unknown): PathMap {
  return (path) =>
    env !== undefined &&
    overlay !== undefined &&
    path[0] === "spec" &&
    path.length > 1 &&
    overlayOwns(overlay, path.slice(1))
      ? ["spec", "environments", env, ...path.slice(1)]
      : path;
}
