#!/usr/bin/env bash
# Installs what is missing, builds and runs every test, then prints a closing line "N passed, N failed[, N skipped]".
# Exits non-zero when the build or any test fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=scripts/setup.sh
source "$root/scripts/setup.sh"
ensure_setup

# PostgreSQL for the storage and scheduler tests: the one AUDITENGINE_TEST_POSTGRES names, else a private throw-away
# cluster under .pg/, stopped again on exit if this run started it. Without one the variable stays unset.
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
trap pg_test_stop EXIT
if ! pg_test_start; then
  echo "PostgreSQL 不可用 unavailable: AUDITENGINE_TEST_POSTGRES is not set; tests that need PostgreSQL will fail" >&2
fi

results="$root/TestResults"
rm -rf "$results"

# The suite runs with a temp folder of its own, so that what the code under test (and the tests) leave behind can be
# seen: an audit, a batch and the whole suite must leave the temp folder as they found it (docs/architecture.md).
suite_tmp="$(mktemp -d "${TMPDIR:-/tmp}/auditengine-suite-XXXXXX")"

rc=0
TMPDIR="$suite_tmp" dotnet test AuditEngine.sln -c Release --nologo \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || rc=$?

# Sum the counters of every TRX file (one per test project).
passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(count total); executed=$(count executed)
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

# Name the failed tests again here, next to the closing line, so that the tail of a CI log says which ones failed.
for trx in "${trx_files[@]}"; do
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
    | sed -n 's/.*testName="\([^"]*\)".*/失败 FAILED: \1/p' | sed 's/&quot;/"/g; s/&amp;/\&/g' || true
done

# The rule fixtures (rules/tests, docs/rules.md "Rule fixtures and `rules test`"): one check, passed or failed.
echo "auditengine rules test rules"
if "$root/auditengine" rules test "$root/rules"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "规则夹具未通过 rule fixtures failed" >&2
fi

# Files left in the suite's temp folder: one check. The .NET SDK's own restore locks (NuGetScratch*, MSBuildTemp*) are
# the toolchain's, not ours; sockets and pipes of the runtime's diagnostics are not regular files.
echo "temp folder left as found ($suite_tmp)"
mapfile -t leftovers < <(find "$suite_tmp" -mindepth 1 -type f ! -path "$suite_tmp/NuGetScratch*" ! -path "$suite_tmp/MSBuildTemp*" | sort)
if [[ ${#leftovers[@]} -eq 0 ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "测试后临时目录中遗留 ${#leftovers[@]} 个文件 files left in the temp folder:" >&2
  printf '  %s\n' "${leftovers[@]:0:20}" >&2
fi
rm -rf "$suite_tmp"

if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "构建或测试运行失败，没有测试结果 build or test run failed: no test results" >&2
  [[ $rc -eq 0 ]] && rc=1
fi

# A project that did not build (or a run that aborted) leaves no TRX of its own: the counts above would look green.
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
  echo "构建或测试运行失败（退出码 $rc），部分测试项目没有运行 build or test run failed (exit $rc): some test projects did not run" >&2
  failed=$((failed + 1))
fi

if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

if [[ $failed -gt 0 && $rc -eq 0 ]]; then
  rc=1
fi
exit "$rc"
