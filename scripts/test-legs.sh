#!/usr/bin/env bash
# Runs the tests on the other legs of the CI matrix (tests/legs/<leg>): each leg's Node.js binary
# (the npm package `node`, pinned with the leg's @pulumi/pulumi and @pulumi/policy in its lockfile)
# runs the unit tests and the end-to-end tier; the reliability tier (properties, load, hostile
# servers, secret sweep) runs once, on the machine's Node, in `npm test`. Everything the tests install as a user
# would (the packed package in a fresh project: the dynamic-provider host, the policy host, the
# real `pulumi preview`) uses the leg's versions; in-process tests use this repository's lockfile.
#
#   scripts/test-legs.sh            # node22 and node24
#   scripts/test-legs.sh node24     # one leg
#
# node22 runs every end-to-end file; node24, which has the same @pulumi/pulumi and @pulumi/policy as
# node22 and differs only in Node.js, runs the one that drives TypeScript, CommonJS and ES module
# programs through the language host (tests/e2e/pulumi-cli.test.ts), which keeps CI under its budget.
# OPENAI_CERTS_LEG_E2E overrides the choice (a glob under dist/tests/e2e, such as '**/*.test.js').
#
# Run after `npm run build` (npm test does it); `npm run test:legs` builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
legs=("$@")
[ ${#legs[@]} -gt 0 ] || legs=(node22 node24)
for leg in "${legs[@]}"; do
    dir="tests/legs/$leg"
    [ -f "$dir/package-lock.json" ] || { echo "test-legs: no leg $leg" >&2; exit 2; }
    echo "== leg $leg: installing from $dir/package-lock.json"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    node_bin="$(cd "$dir/node_modules/.bin" && pwd)"
    [ -x "$node_bin/node" ] || node_bin="$(dirname "$(command -v node)")"
    echo "== leg $leg: node $("$node_bin/node" --version), @pulumi/pulumi $(node -p "require('./$dir/package.json').dependencies['@pulumi/pulumi']")"
    case "$leg" in
        node24) e2e="${OPENAI_CERTS_LEG_E2E:-pulumi-cli.test.js}" ;;
        *) e2e="${OPENAI_CERTS_LEG_E2E:-**/*.test.js}" ;;
    esac
    echo "== leg $leg: end-to-end files dist/tests/e2e/$e2e"
    PATH="$node_bin:$PATH" OPENAI_CERTS_LEG="$leg" "$node_bin/node" node_modules/mocha/bin/mocha.js --no-config \
        --timeout 20000 --exit --reporter spec \
        'dist/tests/*.test.js' 'dist/tests/{provider,sdk,cli,fake-api,examples,scripts}/**/*.test.js' "dist/tests/e2e/$e2e"
done
