#!/usr/bin/env node
// Writes pulumi-plugin/schema.json, the provider plugin's schema, from the compiled
// provider/plugin/schema.ts (run after the build: `npm run plugin-schema`). The plugin serves the same
// object; tests/provider/plugin/schema.test.ts fails when the file and the code differ.
"use strict";
const fs = require("fs");
const path = require("path");
const { pluginSchema } = require("../dist/provider/plugin/schema.js");

const file = path.join(__dirname, "..", "pulumi-plugin", "schema.json");
fs.writeFileSync(file, `${JSON.stringify(pluginSchema(), null, 2)}\n`);
console.log(`plugin-schema: wrote ${path.relative(process.cwd(), file)}`);
