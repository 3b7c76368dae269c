import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/project.js";

const WORKFLOWS = join(ROOT, ".github", "workflows");
const VALIDATOR = join(ROOT, "node_modules", ".bin", "action-validator");
const scratch = mkdtempSync(join(tmpdir(), "workflow-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs action-validator (GitHub's workflow schema) on a file: exit code and what it printed. */
function validate(file: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(VALIDATOR, [file], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

describe("the GitHub workflows", () => {
  it.each(files)("%s is a valid workflow", (file) => {
    const result = validate(join(WORKFLOWS, file));
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("are judged by a validator that refuses a misspelt key", () => {
    const broken = join(scratch, "broken.yml");
    writeFileSync(broken, readFileSync(join(WORKFLOWS, "reliability.yml"), "utf8").replace("runs-on:", "runs-onn:"));
    const result = validate(broken);
    expect(result.code).toBe(1);
    expect(result.output).toContain("Additional property 'runs-onn' is not allowed");
  });

  it("run the reliability check of every pull request without waiting for the tests, and report spec errors too", () => {
    const text = readFileSync(join(WORKFLOWS, "reliability.yml"), "utf8");
    const check = text.slice(text.indexOf("\n  check:"), text.indexOf("\n  preview:"));
    expect(check).not.toMatch(/^\s+needs:/m);
    expect(check).not.toContain("code != '2'");
  });
});
