// Mocha's settings for every tier (scripts/test-tiers.js says which file is in which tier).
//   npx mocha                          every test file, serially, as one run
//   OPENAI_CERTS_TIER=unit npx mocha   one tier, as `npm run test:unit` runs it
// No `exit: true`: a run that does not end by itself has left a server, socket or process open,
// and that is a bug to fix (OPENAI_CERTS_HANDLES=1 lists what is left when the run ends).
"use strict";
const { TIERS, tierFiles } = require("./scripts/test-tiers");

const tier = process.env.OPENAI_CERTS_TIER || "";
const spec = tierFiles(tier); // throws, naming the tiers, for a tier that does not exist
const parallel = Boolean(tier && TIERS[tier].parallel) && !process.env.OPENAI_CERTS_SERIAL;

module.exports = {
    spec,
    timeout: 20000,
    reporter: "spec",
    require: ["dist/tests/support/root-hooks.js"],
    ...(parallel ? { parallel: true, jobs: Number(process.env.OPENAI_CERTS_JOBS) || 2 } : {}),
};
