#!/usr/bin/env bash
# Runs the tests on the other legs of the CI matrix (tests/legs/<leg>): each leg's Node.js binary
# (the npm package `node`, pinned with the leg's @pulumi/pulumi and @pulumi/policy in its lockfile)
# runs the tiers whose outcome can differ by leg (scripts/test-tiers.js). Everything the tests
# install as a user would (the packed package in a fresh project: the dynamic-provider host, the
# policy host, the real `pulumi preview`) uses the leg's versions; in-process tests use this
# repository's lockfile on the leg's Node.js.
#
#   scripts/test-legs.sh            # node22 and node24
#   scripts/test-legs.sh node24     # one leg
#
# What each leg runs, and why:
# - node22 (Node 22, the newest @pulumi/pulumi and @pulumi/policy): unit, static (the README and the
#   package root compiled against the leg's Pulumi declarations; not the files whose outcome is the
#   same on every leg, `sameOnEveryLeg` in scripts/test-tiers.js),
#   integration, package, and every end-to-end file.
# - node24 (Node 24, the same @pulumi/pulumi and @pulumi/policy as node22): unit, integration,
#   package, and the end-to-end file that drives TypeScript, CommonJS and ES module programs through
#   the language host (tests/e2e/pulumi-cli.test.ts). Not static: tsc's verdict on the same
#   declarations does not depend on the Node.js that runs it, and node22 has checked them.
# - neither: reliability (properties, load, hostile servers, the secret sweep), which runs once,
#   on the machine's Node, in `npm test`.
# OPENAI_CERTS_LEG_E2E overrides the end-to-end choice (a glob under dist/tests/e2e, such as '**/*.test.js').
#
# The legs run side by side (their CPU-bound tiers then fill the two cores that one leg's waits on
# the CLI leave idle), each with its output printed whole when it ends; OPENAI_CERTS_SERIAL_LEGS=1
# runs them one after another, with their output as it comes. The exit code is 1 if any leg failed.
#
# Run after `npm run build` (npm test does it); `npm run test:legs` builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
legs=("$@")
[ ${#legs[@]} -gt 0 ] || legs=(node22 node24)
for leg in "${legs[@]}"; do
    [ -f "tests/legs/$leg/package-lock.json" ] || { echo "test-legs: no leg $leg" >&2; exit 2; }
done

# The leg's `npm ci` (its Node.js binary and Pulumi packages, about 300 MB) comes from the tests'
# per-machine cache of npm installs, keyed by the lockfile, copied in as hard links
# (cachedNpmCi and copyNodeModules in tests/support/packed-package.ts): a second instead of 20.
install_leg() {
    rm -rf "$2/node_modules"
    node -e '
        const p = require("./dist/tests/support/packed-package.js");
        const [leg, dir] = process.argv.slice(1);
        p.cachedNpmCi(`leg-folder-${leg}`, dir, ["--no-audit", "--no-fund", "--loglevel=error"])
            .then((cached) => p.copyNodeModules(`${cached}/node_modules`, `${dir}/node_modules`))
            .catch((error) => { console.error(error.stderr || error); process.exit(1); });
    ' "$1" "$2"
}

run_leg() {
    local leg="$1" dir="tests/legs/$1" node_bin e2e tiers
    echo "== leg $leg: installing from $dir/package-lock.json"
    install_leg "$leg" "$dir"
    node_bin="$(cd "$dir/node_modules/.bin" && pwd)"
    if [ ! -x "$node_bin/node" ]; then
        # A leg whose lockfile pins a Node.js (the npm package `node`, whose install script fetches
        # the binary: `allowScripts` in the leg's package.json lets it run under npm 12) must run on
        # it, never on this machine's Node.js instead; a leg that pins none (node20) runs on the
        # machine's. 0: pins one, 1: pins none, anything else: the lockfile could not be read.
        local pins=0
        node -e '
            try {
                process.exit(require(process.argv[1]).packages["node_modules/node"] ? 0 : 1);
            } catch (error) {
                console.error(`test-legs: cannot read ${process.argv[1]}: ${error.message}`);
                process.exit(2);
            }' "./$dir/package-lock.json" || pins=$?
        case "$pins" in
            0) echo "test-legs: leg $leg pins Node.js but $dir/node_modules/.bin/node was not installed (was the \`node\` package's install script blocked? delete its folder in ~/.cache/pulumi-openai-certificates/npm-projects after fixing allowScripts)" >&2
               return 1 ;;
            1) node_bin="$(dirname "$(command -v node)")" ;;
            *) return 1 ;;
        esac
    fi
    echo "== leg $leg: node $("$node_bin/node" --version), @pulumi/pulumi $(node -p "require('./$dir/package.json').dependencies['@pulumi/pulumi']")"
    case "$leg" in
        node24) tiers=(unit integration package e2e); e2e="${OPENAI_CERTS_LEG_E2E:-pulumi-cli.test.js}" ;;
        *) tiers=(unit static integration package e2e); e2e="${OPENAI_CERTS_LEG_E2E:-**/*.test.js}" ;;
    esac
    echo "== leg $leg: tiers ${tiers[*]}; end-to-end files dist/tests/e2e/$e2e"
    PATH="$node_bin:$PATH" OPENAI_CERTS_LEG="$leg" OPENAI_CERTS_LEG_E2E="$e2e" "$node_bin/node" scripts/test.js "${tiers[@]}"
}

# `wait -n -p` (which leg ended) needs bash 5.1; an older bash (macOS's 3.2) runs the legs serially.
if [ -n "${OPENAI_CERTS_SERIAL_LEGS:-}" ] || [ ${#legs[@]} -eq 1 ] || (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 501 )); then
    for leg in "${legs[@]}"; do run_leg "$leg"; done
    exit 0
fi

logs="$(mktemp -d "${TMPDIR:-/tmp}/openai-certs-legs-XXXXXX")"
trap 'rm -rf "$logs"' EXIT
declare -A pids
start=$(date +%s)
for leg in "${legs[@]}"; do
    echo "== leg $leg started (its output follows when it ends)"
    run_leg "$leg" >"$logs/$leg.log" 2>&1 &
    pids[$leg]=$!
done
failed=()
while [ ${#pids[@]} -gt 0 ]; do
    # The first leg to end is printed first.
    status=0
    wait -n -p ended "${pids[@]}" || status=$?
    for leg in "${!pids[@]}"; do
        [ "${pids[$leg]}" = "$ended" ] || continue
        unset "pids[$leg]"
        echo
        echo "== leg $leg ended after $(( $(date +%s) - start )) s, $([ "$status" -eq 0 ] && echo passed || echo "FAILED ($status)")"
        cat "$logs/$leg.log"
        [ "$status" -eq 0 ] || failed+=("$leg")
    done
done
echo
echo "== legs: ${legs[*]} in $(( $(date +%s) - start )) s side by side$([ ${#failed[@]} -eq 0 ] && echo ", all passed" || echo "; FAILED: ${failed[*]}")"
[ ${#failed[@]} -eq 0 ]
