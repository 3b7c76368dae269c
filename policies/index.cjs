// Entry point of the pack for `pulumi preview --policy-pack policies`. The Pulumi CLI starts a
// Node.js policy pack through @pulumi/pulumi/cmd/run-policy-pack, which ignores the nodeargs of
// PulumiPolicy.yaml and registers ts-node, whose CommonJS resolver cannot map the `.js`-suffixed
// imports to their `.ts` sources. Registering tsx first makes the pack load exactly like the program.
require("tsx/cjs");
require("./index.ts");
