#!/usr/bin/env bash
# Installs what is missing and builds. With no arguments: starts the audit service and dashboard on
# http://127.0.0.1:5000 with SQLite under ./data, the samples audited as a first batch, and prints the URL and the
# first login. `--urls URL` (or ASPNETCORE_URLS) chooses another address, e.g. ./run.sh --urls http://127.0.0.1:5077.
# With other arguments: audits those files and folders once (the CLI) and writes out/report.html and .json.
set -euo pipefail

# --urls is the service's own option: taken out here so that it starts the service rather than being read as a file
# to audit. Several URLs are separated by ';' as ASP.NET Core expects.
urls=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --urls)
      if [[ $# -lt 2 || -z "$2" ]]; then
        echo "--urls 缺少地址 needs an address, e.g. --urls http://127.0.0.1:5077" >&2
        exit 2
      fi
      urls="$2"
      shift 2
      ;;
    --urls=*)
      urls="${1#--urls=}"
      shift
      ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done
if [[ -n "$urls" && ${#args[@]} -gt 0 ]]; then
  echo "--urls 只用于启动服务，不能与要审核的文件同用 --urls starts the service; it cannot go with files to audit" >&2
  exit 2
fi
if [[ ${#args[@]} -gt 0 ]]; then set -- "${args[@]}"; else set --; fi

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
  if [[ -n "$urls" ]]; then
    exec dotnet src/AuditEngine.Service/bin/Release/net10.0/AuditEngine.Service.dll --urls "$urls"
  fi
  # Without --urls: ASPNETCORE_URLS when set, else the service's default, http://127.0.0.1:5000.
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
