// The layers of the package and the arrows allowed between them, checked by dependency-cruiser
// (`npx depcruise provider sdk cli fake-api`, and tests/layering.test.ts in the static tier).
// From the wire inwards (docs/ARCHITECTURE.md draws it):
//   provider/api/      the OpenAI client: no Pulumi, not even in its declarations; imports nothing else of ours
//   provider/expiry/   the expiry evaluation: no Pulumi; over the API layer
//   provider/dynamic/  the dynamic providers: their operations and serialized shims; over both
//   provider/plugin/   the provider plugin (another door over the same operations); over the three
//   provider/index.ts  the `/provider` entry, over all three
//   sdk/               the Pulumi surface users import; over provider/
//   cli/               `openai-certs`: no Pulumi; over the API layer and the evaluation
//   fake-api/          the fake OpenAI server: no Pulumi; over the API layer
// Type-only imports count (tsPreCompilationDeps): a declaration that names a Pulumi type makes a
// user's compiler load Pulumi too.
"use strict";

const PULUMI = "(^|/)node_modules/@pulumi/|^@pulumi/";
const API = "^provider/api/";
const EXPIRY = "^provider/expiry/";
const DYNAMIC = "^provider/dynamic/";
const PLUGIN = "^provider/plugin/";
const ENTRIES = ["^provider/index\\.ts$", "^provider/api/index\\.ts$", "^provider/api/errors/index\\.ts$", "^sdk/index\\.ts$", "^sdk/policies\\.ts$", "^fake-api/index\\.ts$"];

/** `from` may import, among our own files, only what matches `allowed`. */
function onlyDown(name, from, allowed, comment) {
    return { name, severity: "error", comment, from: { path: from }, to: { path: "^(provider|sdk|cli|fake-api)/", pathNot: allowed } };
}

module.exports = {
    forbidden: [
        {
            name: "no-pulumi-in-pulumi-free-layers",
            severity: "error",
            comment: "The API layer, the evaluation, the CLI and the fake run without Pulumi installed, and their declarations name no Pulumi type.",
            from: { path: [API, EXPIRY, "^cli/", "^fake-api/"] },
            to: { path: PULUMI },
        },
        onlyDown("api-imports-only-itself", API, [API], "The API layer is the ground floor."),
        onlyDown("expiry-imports-only-below", EXPIRY, [API, EXPIRY], "The evaluation stands on the API layer alone."),
        onlyDown(
            "dynamic-imports-only-below",
            DYNAMIC,
            [API, EXPIRY, DYNAMIC, "^provider/index\\.ts$"],
            "The dynamic providers stand on the API layer and the evaluation; their serialized shims load the /provider entry by name (the one allowed circle).",
        ),
        onlyDown(
            "plugin-imports-only-below",
            PLUGIN,
            [API, EXPIRY, DYNAMIC, PLUGIN],
            "The provider plugin is a second door over the dynamic providers' operations: it translates, and stands on the API layer, the evaluation and those operations, never on sdk/ or an entry.",
        ),
        onlyDown("provider-entry-imports-only-provider", "^provider/index\\.ts$", ["^provider/"], "The /provider entry re-exports what lies under it."),
        onlyDown("sdk-imports-only-below", "^sdk/", ["^provider/", "^sdk/"], "The Pulumi surface stands on provider/."),
        onlyDown("cli-imports-no-pulumi-layer", "^cli/", [API, EXPIRY, "^cli/", "^fake-api/"], "The command stands on the API layer, the evaluation and the fake (`openai-certs fake-api`), never on the Pulumi surface."),
        onlyDown("fake-imports-only-the-api-layer", "^fake-api/", [API, "^fake-api/"], "The fake stands on the API layer alone."),
        {
            name: "no-entry-imported-inside",
            severity: "error",
            comment: "Internal code imports the file that defines a name, not a public entry, so an entry exports only what users need.",
            from: { path: "^(provider|sdk|cli|fake-api)/", pathNot: [...ENTRIES, "^provider/dynamic/serialized-providers\\.ts$"] },
            to: { path: ENTRIES },
        },
        {
            name: "no-circle-but-the-stored-providers",
            severity: "error",
            comment: "The one circle: the serialized providers load `pulumi-openai-certificates/provider` by name, and that entry exports them.",
            from: {},
            to: { circular: true, viaOnly: { pathNot: "^provider/index\\.ts$" } },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(dist|tests|examples|bench)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default", "types"] },
    },
};
