#!/usr/bin/env bash
# Makes a complete Pulumi CLI available and prints the folder that holds `pulumi`.
#
#   scripts/pulumi-cli.sh            # prints the folder (installing the CLI on first use)
#   scripts/pulumi-cli.sh --check    # prints it if a CLI is there already, exits 3 otherwise
#
# Order:
# 1. a `pulumi` already on PATH (a user's own install) keeps precedence; its folder is printed;
# 2. else our cache, outside the clone so that fresh clones (CI makes one every run) reuse it:
#    ${PULUMI_CLI_CACHE:-$XDG_CACHE_HOME/pulumi-openai-certificates/pulumi}/<version>/bin;
# 3. else build it there from the Go module proxy (about 4 minutes cold, seconds warm), holding a
#    lock on the cache so that runs started together build it once and the others wait.
#
#   scripts/pulumi-cli.sh --go-env   # prints GOCACHE=... and GOMODCACHE=..., the Go caches it uses
#
# The cache folder holds what an official download has: `pulumi`, its Node.js language host
# `pulumi-language-nodejs` (built from ../shared/third_party with ../shared/tools, since the module
# proxy does not serve it) and `pulumi-resource-pulumi-nodejs` (the dynamic-provider launcher shipped
# in @pulumi/pulumi), so the CLI runs programs and policy packs as users' CLIs do, with no
# "using ... from $PATH" warning. Without ../shared, the folder gets no language host: programs then
# run through the Automation API (examples/inline-runner) and packs through the
# `pulumi-analyzer-policy-nodejs` shim, and this script says so in one line.
#
# It holds the YAML and Go language hosts too, for `runtime: yaml` and `runtime: go` programs using
# the provider plugin: `pulumi-language-yaml` from the Go module proxy (`go install`, about 2.5
# minutes cold) and `pulumi-language-go` from ../shared/third_party (the proxy does not serve it;
# about 30 s). Where Go or ../shared is missing, the hosts that cannot be built are named in one line
# and only those programs cannot run.
#
# Go's build and module caches live beside the CLI's cache (<cache root>/go), not in the user's
# home: a CI cache that keeps the CLI keeps them too, so the hosts, and Go programs built with the
# same caches (`--go-env`), compile once per machine.
set -euo pipefail

PULUMI_VERSION="${PULUMI_CLI_VERSION:-v3.248.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
shared="${PULUMI_SHARED_DIR:-$(dirname "$repo")/shared}"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-openai-certificates/pulumi}"
cache="$cache_root/$PULUMI_VERSION"
bin="$cache/bin"
# pulumi-yaml v1.38.0 is the oldest that loads plugins with CLI v3.248 (v1.37.0 is refused, v1.25.0
# cannot load a PulumiPlugin.yaml plugin).
YAML_HOST_VERSION="${PULUMI_YAML_HOST_VERSION:-v1.38.0}"
export GOCACHE="$cache_root/go/build" GOMODCACHE="$cache_root/go/mod"

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }

if [ "${1:-}" = "--go-env" ]; then
    printf 'GOCACHE=%s\nGOMODCACHE=%s\n' "$GOCACHE" "$GOMODCACHE"
    exit 0
fi

# 1. A user's own CLI.
if [ -z "${PULUMI_CLI_FORCE_BUILD:-}" ] && existing="$(command -v pulumi 2>/dev/null)" && [ "$(cd "$(dirname "$existing")" && pwd)" != "$bin" ]; then
    dir="$(cd "$(dirname "$existing")" && pwd)"
    if [ ! -x "$dir/pulumi-language-nodejs" ] && ! command -v pulumi-language-nodejs >/dev/null 2>&1; then
        log "the pulumi on PATH ($existing) has no Node.js language host beside it: programs run through the Automation API instead"
    fi
    printf '%s\n' "$dir"
    exit 0
fi

# The parts of a complete install that cost seconds: the language host (built from ../shared) and
# the dynamic-provider launcher. Each is added when missing, so a cache filled before ../shared was
# there is completed later.
complete_install() {
    if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ]; then
        launcher="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
        [ -f "$launcher" ] || { log "no $launcher: run npm ci first"; exit 3; }
        cp "$launcher" "$bin/pulumi-resource-pulumi-nodejs.tmp"
        chmod +x "$bin/pulumi-resource-pulumi-nodejs.tmp"
        mv "$bin/pulumi-resource-pulumi-nodejs.tmp" "$bin/pulumi-resource-pulumi-nodejs"
    fi
    if [ ! -x "$bin/pulumi-language-nodejs" ]; then
        if [ -x "$shared/tools/build-pulumi-language-nodejs.sh" ] || [ -f "$shared/tools/build-pulumi-language-nodejs.sh" ]; then
            if command -v go >/dev/null 2>&1; then
                log "building the Node.js language host from $shared/third_party (once; seconds warm, about 2 minutes cold)"
                tmp="$(mktemp -d "$cache/langhost.XXXXXX")"
                if bash "$shared/tools/build-pulumi-language-nodejs.sh" "$tmp" >&2; then
                    mv "$tmp/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
                else
                    log "could not build the Node.js language host; programs run through the Automation API instead"
                fi
                rm -rf "$tmp"
            fi
        else
            log "no ../shared beside this clone, so no Node.js language host: programs run through the Automation API (examples/inline-runner) instead"
        fi
    fi
    install_yaml_and_go_hosts
    if [ ! -x "$bin/pulumi-language-nodejs" ]; then
        # Without a language host the engine runs a Node.js policy pack through a plugin of this name.
        cp "$here/pulumi-analyzer-policy-nodejs" "$bin/pulumi-analyzer-policy-nodejs"
        chmod +x "$bin/pulumi-analyzer-policy-nodejs"
    else
        rm -f "$bin/pulumi-analyzer-policy-nodejs"
    fi
}

# The YAML and Go language hosts, each built into a temporary folder and moved in whole. What cannot
# be built is said in one line, once (install_complete then counts it as done).
install_yaml_and_go_hosts() {
    local missing="" tmp
    if [ ! -x "$bin/pulumi-language-yaml" ]; then
        if command -v go >/dev/null 2>&1; then
            log "building the YAML language host $YAML_HOST_VERSION from the Go module proxy (once; seconds warm, about 2.5 minutes cold)"
            tmp="$(mktemp -d "$cache/yamlhost.XXXXXX")"
            if GOBIN="$tmp" go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$YAML_HOST_VERSION" >&2 && [ -x "$tmp/pulumi-language-yaml" ]; then
                mv "$tmp/pulumi-language-yaml" "$bin/pulumi-language-yaml"
            else
                missing="YAML (its build failed)"
            fi
            rm -rf "$tmp"
        else
            missing="YAML (no Go toolchain)"
        fi
    fi
    if [ ! -x "$bin/pulumi-language-go" ]; then
        if [ ! -f "$shared/tools/build-pulumi-language-host.sh" ]; then
            missing="${missing:+$missing, }Go (no ../shared beside this clone)"
        elif ! command -v go >/dev/null 2>&1; then
            missing="${missing:+$missing, }Go (no Go toolchain)"
        else
            log "building the Go language host from $shared/third_party (once; seconds warm, about 30 s cold)"
            tmp="$(mktemp -d "$cache/gohost.XXXXXX")"
            if bash "$shared/tools/build-pulumi-language-host.sh" go "$tmp" >&2 && [ -x "$tmp/pulumi-language-go" ]; then
                mv "$tmp/pulumi-language-go" "$bin/pulumi-language-go"
            else
                missing="${missing:+$missing, }Go (its build failed)"
            fi
            rm -rf "$tmp"
        fi
    fi
    if [ -n "$missing" ]; then
        log "no language host for $missing: programs in those languages cannot run with this CLI"
    fi
}

# Two first runs at once (two clones, or the demo beside the tests) must build once: whatever
# writes into the cache does it holding this lock, and a run that waited for it finds the work done.
# flock(1) where there is one (Linux); else a mkdir lock, taken over when its holder has died.
lock_cache() {
    mkdir -p "$cache"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$cache/.lock"
        if ! flock -n 9; then
            log "another process is installing the Pulumi CLI into $cache: waiting for it"
            flock 9
        fi
        return
    fi
    local said=""
    until mkdir "$cache/.lock.d" 2>/dev/null; do
        holder="$(cat "$cache/.lock.d/pid" 2>/dev/null || true)"
        if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
            log "taking over the lock of process $holder, which has ended"
            rm -rf "$cache/.lock.d"
            continue
        fi
        [ -n "$said" ] || { log "another process is installing the Pulumi CLI into $cache: waiting for it"; said=1; }
        sleep 2
    done
    echo $$ > "$cache/.lock.d/pid"
    trap 'rm -rf "$cache/.lock.d"' EXIT
}

# Whether the cache holds every part complete_install adds (nothing to write, so no lock needed).
install_complete() {
    [ -x "$bin/pulumi-resource-pulumi-nodejs" ] || return 1
    # A YAML or Go host is missing only where it cannot be built (said once, when that was found).
    [ -x "$bin/pulumi-language-yaml" ] || ! command -v go >/dev/null 2>&1 || return 1
    [ -x "$bin/pulumi-language-go" ] || [ ! -f "$shared/tools/build-pulumi-language-host.sh" ] || ! command -v go >/dev/null 2>&1 || return 1
    [ -x "$bin/pulumi-language-nodejs" ] && return 0
    # No language host: complete when the analyzer shim is there and no host can be built.
    [ -x "$bin/pulumi-analyzer-policy-nodejs" ] && { [ ! -f "$shared/tools/build-pulumi-language-nodejs.sh" ] || ! command -v go >/dev/null 2>&1; }
}

# 2. Our cache.
if [ -x "$bin/pulumi" ]; then
    if [ "${1:-}" != "--check" ] && ! install_complete; then
        lock_cache
        complete_install
    fi
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

# 3. Build it, unless another run did while we waited for the lock.
lock_cache
if [ -x "$bin/pulumi" ]; then
    complete_install
    printf '%s\n' "$bin"
    exit 0
fi
log "building the Pulumi CLI $PULUMI_VERSION from the Go module proxy into $cache (once; about 4 minutes cold)"
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
    go build -trimpath -o "$bin/pulumi.tmp.$$" \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
)
mv "$bin/pulumi.tmp.$$" "$bin/pulumi"
complete_install
log "done in $(( $(date +%s) - start )) s: $("$bin/pulumi" version)"
printf '%s\n' "$bin"
