#!/usr/bin/env bash
# Validates the add-in manifests against Microsoft's XML-manifest schemas (offline, xmllint):
# the committed development manifest.xml and the production one `npm run build` writes.
# The schemas live outside the repository: ../shared/manifest-schema (see its README).
# Usage: bash scripts/check-manifest.sh [schema-dir]
set -euo pipefail
cd "$(dirname "$0")/.."

schema_dir="${1:-../shared/manifest-schema}"
schema="$schema_dir/OfficeAppManifestV1_1.xsd"
if [ ! -f "$schema" ]; then
  echo "check-manifest: schema not found at $schema" >&2
  echo "  The Office add-in manifest XSDs are expected in ../shared/manifest-schema beside the repository." >&2
  exit 2
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "check-manifest: xmllint is missing (apt-get install -y libxml2-utils)" >&2
  exit 2
fi

node scripts/build-manifest.cjs --check

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node -e '
  const { resolveConfig } = require("./scripts/addin-config.cjs");
  const { renderManifest } = require("./scripts/build-manifest.cjs");
  process.stdout.write(renderManifest(resolveConfig("production")));
' > "$tmp/manifest.production.xml"

status=0
for m in manifest.xml "$tmp/manifest.production.xml"; do
  # xmllint exits 3 when the document is invalid, 5 when the schema itself cannot be compiled.
  if xmllint --nonet --noout --schema "$schema" "$m" 2>"$tmp/err"; then
    echo "check-manifest: $(basename "$m") is valid against OfficeAppManifestV1_1.xsd"
  else
    rc=$?
    echo "check-manifest: $(basename "$m") FAILED schema validation (xmllint exit $rc):" >&2
    cat "$tmp/err" >&2
    status=1
  fi
done
exit $status
