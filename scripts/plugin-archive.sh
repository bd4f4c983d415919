#!/usr/bin/env bash
# Builds the provider plugin's archive, for machines that install plugins rather than npm packages:
#
#   bash scripts/plugin-archive.sh [--tarball PACKAGE.tgz] [--out DIR]     (npm run plugin-archive)
#   pulumi plugin install resource openai-certificates <version> --file DIR/pulumi-resource-openai-certificates-v<version>.tar.gz
#
# The archive holds, at its root, the executable Pulumi runs (`pulumi-resource-openai-certificates`,
# which runs the plugin with node, the one thing the machine needs), the schema, and node_modules
# with this package (its `npm pack` tarball, packed from the current build unless --tarball is given)
# and its production dependencies, @pulumi/pulumi included (PLUGIN_PULUMI_VERSION, default the
# version this repository builds and tests with: 3.248.0, the last that runs on Node.js 20).
# npm installs from its cache first (--prefer-offline); nothing else is downloaded.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARBALL=""
OUT="$ROOT/dist/plugin-archive"
while [ $# -gt 0 ]; do
    case "$1" in
        --tarball) TARBALL="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        *) echo "plugin-archive: unknown argument $1 (takes --tarball FILE and --out DIR)" >&2; exit 2 ;;
    esac
done

PULUMI_VERSION="${PLUGIN_PULUMI_VERSION:-$(node -p 'require(process.argv[1]).devDependencies["@pulumi/pulumi"]' "$ROOT/package.json")}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/openai-certs-plugin-archive-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ -z "$TARBALL" ]; then
    [ -f "$ROOT/dist/provider/plugin/main.js" ] || { echo "plugin-archive: build first (npm run build): no dist/provider/plugin/main.js" >&2; exit 1; }
    TARBALL="$WORK/$(cd "$ROOT" && npm pack --ignore-scripts --silent --pack-destination "$WORK" | tail -1)"
fi
TARBALL="$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")"
VERSION="$(tar -xOzf "$TARBALL" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).version')"

STAGE="$WORK/plugin"
mkdir -p "$STAGE"
cat > "$STAGE/package.json" <<JSON
{ "name": "pulumi-resource-openai-certificates", "version": "$VERSION", "private": true, "description": "The openai-certificates Pulumi provider plugin, with its dependencies" }
JSON
(cd "$STAGE" && npm install --no-save --prefer-offline --no-audit --no-fund --omit=dev --loglevel=error "$TARBALL" "@pulumi/pulumi@$PULUMI_VERSION" >/dev/null)
rm -f "$STAGE/package-lock.json"
cp "$ROOT/pulumi-plugin/schema.json" "$STAGE/schema.json"
cat > "$STAGE/pulumi-resource-openai-certificates" <<'LAUNCHER'
#!/usr/bin/env node
// The openai-certificates provider plugin, installed by `pulumi plugin install`: runs the plugin of
// the package installed beside this file with node.
"use strict";
require("./node_modules/pulumi-openai-certificates/pulumi-plugin/pulumi-resource-openai-certificates");
LAUNCHER
chmod +x "$STAGE/pulumi-resource-openai-certificates"

mkdir -p "$OUT"
ARCHIVE="$OUT/pulumi-resource-openai-certificates-v$VERSION.tar.gz"
tar -czf "$ARCHIVE" -C "$STAGE" .
echo "$ARCHIVE"
