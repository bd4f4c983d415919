// The ready policy pack: `pulumi preview --policy-pack node_modules/pulumi-openai-certificates/policy-pack`.
// Plain JavaScript, so it runs as shipped. @pulumi/policy and @pulumi/pulumi resolve from the project
// that installed this package; the policies come from this package's compiled code next door.
"use strict";
let policy;
try {
    policy = require("@pulumi/policy");
} catch (error) {
    if (!error || error.code !== "MODULE_NOT_FOUND" || !/@pulumi\/policy/.test(String(error.message))) throw error;
    // Without this line the engine only says "could not read policy pack port ... closed pipe".
    console.error("openai-certificates policy pack: @pulumi/policy is not installed in this project; run `npm install @pulumi/policy` where your Pulumi program is.");
    process.exit(1);
}
const { certificatePolicies } = require("../dist/sdk/policies");

new policy.PolicyPack("openai-certificates", { policies: certificatePolicies });
