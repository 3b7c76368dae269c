#!/usr/bin/env node
// Entry point of the `reliability` command: runs the prebuilt CLI (bin/prebuilt.cjs).
require("./prebuilt.cjs")
  .loadCli()
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
