import { describe, expect, it } from "vitest";
import { readRepoFile } from "../support/project.js";
import { tierTable } from "../support/reference.js";

describe("the README's spec reference", () => {
  it("shows exactly the tier defaults the loader applies", () => {
    const readme = readRepoFile("README.md");
    const section = /<!-- tier-defaults:start -->\n([\s\S]*?)\n<!-- tier-defaults:end -->/.exec(readme)?.[1];
    expect(section, "README.md needs the generated tier table between the tier-defaults markers").toBe(tierTable());
  });
});
