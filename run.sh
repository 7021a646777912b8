#!/usr/bin/env bash
# Installs what is missing and builds. With no arguments: starts the audit service and dashboard on
# http://127.0.0.1:5000 with SQLite under ./data, the samples audited as a first batch, and prints the URL and the
# first login. With arguments: audits those files and folders once (the CLI) and writes out/report.html and .json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/setup.sh
source "$root/scripts/setup.sh"
ensure_setup

build() {
  echo "构建 building $1…" >&2
  local log
  log="$(mktemp)"
  # Quiet on success; on failure the whole build log explains why.
  if ! (cd "$root" && dotnet build "$1" -c Release --nologo) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "构建失败 build failed" >&2
    exit 2
  fi
  rm -f "$log"
}

if [[ $# -eq 0 ]]; then
  build src/AuditEngine.Service/AuditEngine.Service.csproj
  cd "$root"
  # Settings may be overridden by environment (AuditEngine__…) or appsettings.json; see README "Service".
  export AuditEngine__DataDirectory="${AuditEngine__DataDirectory:-$root/data}"
  exec dotnet src/AuditEngine.Service/bin/Release/net10.0/AuditEngine.Service.dll
fi

build src/AuditEngine.Cli/AuditEngine.Cli.csproj
touch "$root/src/AuditEngine.Cli/bin/Release/net10.0/auditengine.dll"

mkdir -p "$root/out"
html="$root/out/report.html"
json="$root/out/report.json"
# Remove last run's reports so a failed run cannot leave stale ones looking current.
rm -f "$html" "$json"

rc=0
"$root/auditengine" audit "$@" --out "$html" --out "$json" || rc=$?

if [[ -f "$html" ]]; then echo "HTML 报告 report: $html"; fi
if [[ -f "$json" ]]; then echo "JSON 报告 report: $json"; fi
exit "$rc"
