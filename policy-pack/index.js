// The ready policy pack: `pulumi preview --policy-pack node_modules/pulumi-openai-certificates/policy-pack`.
// Plain JavaScript, so it runs as shipped. @pulumi/policy and @pulumi/pulumi resolve from the project
// that installed this package; the policies come from this package's compiled code next door.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { certificatePolicies } = require("../dist/sdk/policies");

new PolicyPack("openai-certificates", { policies: certificatePolicies });
