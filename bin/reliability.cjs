#!/usr/bin/env node
// Entry point of the `reliability` command: runs the TypeScript CLI through tsx.
require("tsx/cjs");
require("../cli/main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
