#!/usr/bin/env bash
# Makes a Pulumi CLI available and prints the folder to put first on PATH.
#
#   scripts/pulumi-cli.sh            # prints the bin folder (installing the CLI on first use)
#   scripts/pulumi-cli.sh --check    # prints it if a CLI is there already, exits 3 otherwise
#
# Order: a `pulumi` already on PATH (a user's own install); else our cache in .tools/pulumi/<version>;
# else build it from the Go module proxy into that cache (a few minutes, once). No download site is
# needed: `go build` fetches modules through the configured proxy.
#
# The folder also gets `pulumi-analyzer-policy-nodejs`, which runs a Node.js policy pack when the
# Node.js language host (`pulumi-language-nodejs`) is not installed beside the CLI; see the README.
set -euo pipefail

PULUMI_VERSION="${PULUMI_CLI_VERSION:-v3.248.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cache="${PULUMI_CLI_CACHE:-$repo/.tools/pulumi}/$PULUMI_VERSION"
bin="$cache/bin"

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }

install_shim() {
    # The shim only helps where there is no language host; it is harmless next to one.
    mkdir -p "$bin"
    cp "$here/pulumi-analyzer-policy-nodejs" "$bin/pulumi-analyzer-policy-nodejs"
    chmod +x "$bin/pulumi-analyzer-policy-nodejs"
}

if [ -z "${PULUMI_CLI_FORCE_BUILD:-}" ] && existing="$(command -v pulumi 2>/dev/null)" && [ "$(dirname "$existing")" != "$bin" ]; then
    install_shim
    log "using the pulumi on PATH: $existing ($("$existing" version 2>/dev/null || echo 'version unknown'))"
    printf '%s\n' "$bin"
    exit 0
fi

if [ -x "$bin/pulumi" ]; then
    install_shim
    printf '%s\n' "$bin"
    exit 0
fi

if [ "${1:-}" = "--check" ]; then
    log "no Pulumi CLI installed (neither on PATH nor in $cache)"
    exit 3
fi

if ! command -v go >/dev/null 2>&1; then
    log "no Pulumi CLI on PATH and no Go toolchain to build one."
    log "Install Pulumi (https://www.pulumi.com/docs/install/) or Go 1.24+, then run this again."
    exit 3
fi

log "building the Pulumi CLI $PULUMI_VERSION from the Go module proxy into $cache (once; a few minutes)"
start=$(date +%s)
src="$cache/src"
mkdir -p "$src" "$bin"
cat > "$src/go.mod" <<EOM
module pulumi-cli-build

go 1.24

require github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
EOM
cat > "$src/tools.go" <<'EOM'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOM
(
    cd "$src"
    export GOFLAGS=-mod=mod
    go mod tidy >&2
    # Stamp the version, or `pulumi version` prints nothing and the Automation API refuses the CLI.
    go build -o "$bin/pulumi.tmp" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
)
mv "$bin/pulumi.tmp" "$bin/pulumi"

# The Node.js language host is a separate Go module with no version tags; it is only published as a
# pseudo-version of the release commit, which not every module proxy serves. Try it; without it,
# programs run through the Automation API's inline programs (the tests and the demo do).
commit_info="$(cd "$src" && GOFLAGS=-mod=mod go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" 2>/dev/null || true)"
hash="$(printf '%s' "$commit_info" | sed -n 's/.*"Hash": "\([0-9a-f]\{12\}\).*/\1/p' | head -n1)"
when="$(printf '%s' "$commit_info" | sed -n 's/.*"Info": "\(.*\)".*/\1/p' | head -n1)"
if [ -n "$hash" ] && [ -n "$when" ] && [ -f "$when" ]; then
    stamp="$(sed -n 's/.*"Time":"\([0-9-]*\)T\([0-9:]*\)Z".*/\1\2/p' "$when" | tr -d ':-')"
    langhost="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@v3.0.0-$stamp-$hash"
    if (cd "$src" && GOFLAGS=-mod=mod go get "$langhost" >/dev/null 2>&1 && go build -o "$bin/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 >&2); then
        log "built the Node.js language host ($langhost)"
    else
        log "the Node.js language host ($langhost) is not served by this module proxy; Node.js programs run through the Automation API (inline programs)"
    fi
fi
install_shim
log "done in $(( $(date +%s) - start )) s: $("$bin/pulumi" version)"
printf '%s\n' "$bin"
