#!/usr/bin/env bash
# Black-box attack run against a started AuditEngine service (issue 18): every attack of docs/security.md, one line
# per case, "PASS" when the service resisted as documented. Only curl, the admin CLI and standard tools
# (zip, iconv, python3 for one crafted ZIP) are used; nothing inside the service is touched.
#
#   tests/security/attack.sh --start          # starts a service on a free port with a fresh data directory, attacks it, stops it
#   BASE=http://127.0.0.1:5000 DATA=./data tests/security/attack.sh   # a service that is already running (DATA: its data directory)
#
# Run it against a freshly started service: login throttling remembers failures for 15 minutes, so a second run
# within that time from the same address meets the first run's locks. The oversized-request case sends
# OVERSIZE_MB (default 30) MiB; it expects the service's Limits:MaxBatchBytes plus 16 MiB to be below that
# (--start sets MaxBatchBytes to 8 MiB); against a default service set OVERSIZE_MB=1100.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
service_pid=""
cleanup() {
  [[ -n "$service_pid" ]] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [[ "${1:-}" == "--start" ]]; then
  (cd "$root" && dotnet build src/AuditEngine.Service -c Release --nologo -v q >/dev/null) || { echo "build failed" >&2; exit 2; }
  (cd "$root" && dotnet build src/AuditEngine.Cli -c Release --nologo -v q >/dev/null) || { echo "build failed" >&2; exit 2; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  DATA="$work/data"
  ADMIN_PASSWORD="attack-admin-$RANDOM$RANDOM"
  AuditEngine__DataDirectory="$DATA" AuditEngine__SeedSamples=false AuditEngine__FirstAdminPassword="$ADMIN_PASSWORD" \
  AuditEngine__Limits__MaxBatchBytes=8388608 AuditEngine__Sweeps__InboxCron= AuditEngine__Sweeps__ReauditCron= \
    dotnet "$root/src/AuditEngine.Service/bin/Release/net10.0/AuditEngine.Service.dll" --urls "http://127.0.0.1:$port" \
    >"$work/service.log" 2>&1 &
  service_pid=$!
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do curl -fs "$BASE/api/health" >/dev/null && break; sleep 0.5; done
fi

BASE="${BASE:-http://127.0.0.1:5000}"
DATA="${DATA:-$root/data}"
ADMIN_USER="${ADMIN_USER:-admin}"
if [[ -z "${ADMIN_PASSWORD:-}" && -f "$DATA/first-login.txt" ]]; then
  ADMIN_PASSWORD="$(sed -n 's/^密码 password: //p' "$DATA/first-login.txt")"
fi
OVERSIZE_MB="${OVERSIZE_MB:-30}"
curl -fs "$BASE/api/health" >/dev/null || { echo "service not reachable at $BASE" >&2; exit 2; }

passed=0 failed=0 n=0
report() { # report PASS|FAIL "case" "what happened"
  n=$((n + 1))
  if [[ "$1" == PASS ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  printf '%s  %02d  %-50s %s\n' "$1" "$n" "$2" "$3"
}
check() { # check "case" "detail" condition...
  local name="$1" detail="$2"; shift 2
  if "$@"; then report PASS "$name" "$detail"; else report FAIL "$name" "$detail"; fi
}
admin_cli() { "$root/auditengine" admin "$@" --data "$DATA"; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
login() { # login JAR USER PASSWORD → status
  curl -s -o "$work/login.json" -w '%{http_code}' -c "$1" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$2\",\"password\":\"$3\"}" "$BASE/api/login"
}
is_json_error() { # is_json_error FILE: a JSON {"error"} holding Chinese
  jq -er '.error' "$1" 2>/dev/null | grep -qP '\p{Han}'
}
cookie_of() { awk '$6 == "auditengine" { print $7 }' "$1"; }

# ---- set-up: an organisation of our own, through the admin CLI ----
org="攻击测试局-$RANDOM"
pw="Attack-Passw0rd-1"
admin_cli org create "$org" >/dev/null
for u in victim spray-target uploader reviewer t1 t2 t3 keyholder; do
  role=uploader; [[ $u == reviewer ]] && role=reviewer
  admin_cli user create --org "$org" --user "$org-$u" --role "$role" --password "$pw" >/dev/null
done
admin_cli user create --org "$org" --user "$org-admin" --role admin --password "$pw" >/dev/null
U() { echo "$org-$1"; }
login "$work/admin.jar" "$(U admin)" "$pw" >/dev/null

# ---- 3. headers and cookies ----
curl -s -D "$work/h.txt" -o /dev/null "$BASE/"
csp="$(grep -i '^content-security-policy:' "$work/h.txt" | tr -d '\r')"
check "CSP on the dashboard, no inline script" "${csp:0:90}…" \
  bash -c '[[ "$1" == *"script-src '"'"'self'"'"'"* && "$1" != *unsafe-inline* && "$1" == *"frame-ancestors '"'"'none'"'"'"* ]]' _ "$csp"
check "nosniff, Referrer-Policy, X-Frame-Options" "$(grep -iE '^(x-content-type-options|referrer-policy|x-frame-options):' "$work/h.txt" | tr -d '\r' | tr '\n' ' ')" \
  bash -c 'grep -qi "^x-content-type-options: nosniff" "$1" && grep -qi "^referrer-policy: no-referrer" "$1" && grep -qi "^x-frame-options: deny" "$1"' _ "$work/h.txt"
inline="$(curl -s "$BASE/" | grep -ciE '<script>|<script [^>]*>[^<]' || true)"
check "dashboard has no inline <script>" "inline script blocks: $inline" test "$inline" = 0
setcookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"userName\":\"$(U reviewer)\",\"password\":\"$pw\"}" "$BASE/api/login" | grep -i '^set-cookie: auditengine=' | tr -d '\r')"
check "cookie HttpOnly, SameSite=Strict" "$(sed -E 's/auditengine=[^;]+/auditengine=…/' <<<"$setcookie")" \
  bash -c '[[ "${1,,}" == *httponly* && "${1,,}" == *samesite=strict* ]]' _ "$setcookie"

# ---- 2. revocation ----
login "$work/a.jar" "$(U uploader)" "$pw" >/dev/null
copied="$(cookie_of "$work/a.jar")"
curl -s -o /dev/null -b "$work/a.jar" -X POST "$BASE/api/logout"
code="$(curl -s -o "$work/e.json" -w '%{http_code}' -H "Cookie: auditengine=$copied" "$BASE/api/me")"
check "cookie replayed after logout" "GET /api/me with the old cookie → $code" test "$code" = 401

login "$work/a.jar" "$(U uploader)" "$pw" >/dev/null
login "$work/b.jar" "$(U uploader)" "$pw" >/dev/null
code_change="$(curl -s -o /dev/null -w '%{http_code}' -b "$work/a.jar" -c "$work/a.jar" -H 'Content-Type: application/json' \
  -d "{\"currentPassword\":\"$pw\",\"newPassword\":\"$pw-new\"}" "$BASE/api/me/password")"
a="$(status -b "$work/a.jar" "$BASE/api/me")"; b="$(status -b "$work/b.jar" "$BASE/api/me")"
check "other session after a password change" "change → $code_change; changing session → $a, other session → $b" \
  test "$code_change$a$b" = 204200401
admin_cli user password --user "$(U uploader)" --password "$pw" >/dev/null
a="$(status -b "$work/a.jar" "$BASE/api/me")"
check "session after CLI password reset" "admin user password → session answers $a" test "$a" = 401

key="$(admin_cli key create --user "$(U keyholder)" --name attack | grep '^ae_')"
key_id="$(admin_cli key list --user "$(U keyholder)" | awk -F'\t' 'NR==1 {print $1}')"
login "$work/k.jar" "$(U keyholder)" "$pw" >/dev/null
before="$(status -H "X-Api-Key: $key" "$BASE/api/batches")"
dis="$(status -b "$work/admin.jar" -X POST "$BASE/api/users/$(U keyholder)/disable")"
c="$(status -b "$work/k.jar" "$BASE/api/batches")"; k="$(status -H "X-Api-Key: $key" "$BASE/api/batches")"
l="$(login "$work/k2.jar" "$(U keyholder)" "$pw")"
check "disabled user (API): cookie, key, login" "key before $before; disable → $dis; cookie → $c, key → $k, login → $l" \
  test "$before$dis$c$k$l" = 200200401401403
admin_cli user enable --user "$(U keyholder)" >/dev/null
k="$(status -H "X-Api-Key: $key" "$BASE/api/batches")"
admin_cli user disable --user "$(U keyholder)" >/dev/null
k2="$(status -H "X-Api-Key: $key" "$BASE/api/batches")"
admin_cli user enable --user "$(U keyholder)" >/dev/null
check "CLI admin user enable / disable" "enabled: key → $k; disabled: key → $k2" test "$k$k2" = 200401
admin_cli key revoke --id "$key_id" >/dev/null
k="$(status -H "X-Api-Key: $key" "$BASE/api/batches")"
check "CLI admin key revoke" "key $key_id revoked → $k" test "$k" = 401
key2="$(admin_cli key create --user "$(U keyholder)" --name attack2 --expires 30 | grep '^ae_')"
key2_id="$(admin_cli key list --user "$(U keyholder)" | awk -F'\t' '$3 == "attack2" {print $1}')"
k="$(status -H "X-Api-Key: $key2" "$BASE/api/batches")"
r="$(status -b "$work/admin.jar" -X POST "$BASE/api/keys/$key2_id/revoke")"
k2="$(status -H "X-Api-Key: $key2" "$BASE/api/batches")"
check "API key revoke (key with expiry)" "key (expires in 30 days) → $k; revoke → $r; key → $k2" test "$k$r$k2" = 200200401
login "$work/r.jar" "$(U reviewer)" "$pw" >/dev/null
u="$(status -b "$work/r.jar" "$BASE/api/users")"; s="$(status -b "$work/r.jar" -X POST "$BASE/api/users/$(U victim)/disable")"
check "non-admin manages accounts" "reviewer: GET /api/users → $u, disable → $s" test "$u$s" = 403403

# ---- 4. uploads ----
cd "$work"
printf '%%PDF-1.4\n%%%%EOF\n' > a.pdf
zip -q -0 -X l10.zip a.pdf
for i in 9 8 7 6 5 4 3 2 1 0; do zip -q -0 -X "l$i.zip" "l$((i + 1)).zip"; done
in_first_kib="$(head -c 1024 l0.zip | grep -c '%PDF-' || true)"
curl -s -o up.json -w '%{http_code}' -b admin.jar -F "files=@l0.zip;filename=nested.zip" "$BASE/api/batches" > code.txt
check "11-level ZIP with %PDF- in its first KiB" "$(cat code.txt) \"%PDF-\" in first KiB: $in_first_kib; $(jq -c '[.refused[]? | (.name + " " + .reason)]' up.json)" \
  bash -c '[[ $(cat code.txt) == 400 ]] && jq -e ".refused | length == 1 and (.[0].reason | test(\"嵌套过深\"))" up.json >/dev/null'
head -c 300M /dev/zero > budget.txt && zip -q -9 bomb.zip budget.txt && rm budget.txt
curl -s -o up.json -w '%{http_code}' -b admin.jar -F "files=@bomb.zip" -F "files=@$root/samples/seeds/xushui-2022.txt" "$BASE/api/batches" > code.txt
check "ZIP bomb (300 MiB of zeros, $(( $(stat -c %s bomb.zip) / 1024 )) KiB)" "$(cat code.txt) $(jq -r '.refused[0].reason' up.json)" \
  bash -c '[[ $(cat code.txt) == 202 ]] && jq -e ".refused[0].reason | test(\"压缩炸弹\") and test(\"压缩比.*[0-9]+:1\") and (test(\"文件过大\") | not)" up.json >/dev/null'
python3 -c 'import zipfile; z = zipfile.ZipFile("escape.zip", "w"); z.writestr("../../etc/cron.d/x.txt", "x"); z.close()'
curl -s -o up.json -w '%{http_code}' -b admin.jar -F "files=@escape.zip" "$BASE/api/batches" > code.txt
check "ZIP entry escaping the batch (../)" "$(cat code.txt) $(jq -r '.refused[0].reason' up.json)" \
  bash -c '[[ $(cat code.txt) == 400 ]] && jq -e ".refused[0].reason | test(\"\\\\.\\\\./\")" up.json >/dev/null'
head -c "$((OVERSIZE_MB * 1024 * 1024))" /dev/zero > big.txt
curl -s -o up.json -w '%{http_code}' -b admin.jar -F "files=@big.txt" "$BASE/api/batches" > code.txt
check "request over the batch limit ($OVERSIZE_MB MiB)" "$(cat code.txt) $(jq -r .error up.json 2>/dev/null || echo '(empty body)')" \
  bash -c '[[ $(cat code.txt) == 413 ]] && jq -er .error up.json | grep -q 上传内容过大'
curl -s -o up.json -w '%{http_code}' -b admin.jar -H 'Transfer-Encoding: chunked' -F "files=@big.txt" "$BASE/api/batches" > code.txt
check "same, chunked (no Content-Length)" "$(cat code.txt) $(jq -r .error up.json 2>/dev/null || echo '(empty body)')" \
  bash -c '[[ $(cat code.txt) == 413 ]] && jq -er .error up.json | grep -q 上传内容过大'
rm -f big.txt

seed="$root/samples/seeds/xushui-2022.txt"
iconv -f UTF-8 -t UTF-16 "$seed" > utf16-bom.txt
iconv -f UTF-8 -t UTF-16LE "$seed" > utf16le.txt
iconv -f UTF-8 -t UTF-16BE "$seed" > utf16be.txt
{ printf '\xEF\xBB\xBF'; cat "$seed"; } > utf8-bom.txt
iconv -f UTF-8 -t GB18030 "$seed" > gb18030.txt
printf '某縣財政局2024年部門預算公開\n一、部門收支總表\n收入總計\t1,234.56\n說明：本表為部門收支總表，單位為萬元。\n' | iconv -f UTF-8 -t BIG5 > big5.txt
cp "$seed" utf8.txt
batch="$(curl -s -b admin.jar -F files=@utf16-bom.txt -F files=@utf16le.txt -F files=@utf16be.txt -F files=@utf8-bom.txt \
  -F files=@gb18030.txt -F files=@big5.txt -F files=@utf8.txt "$BASE/api/batches" | jq -r .id)"
for _ in $(seq 1 240); do [[ "$(curl -s -b admin.jar "$BASE/api/batches/$batch" | jq -r .status)" == done ]] && break; sleep 0.5; done
curl -s -b admin.jar "$BASE/api/batches/$batch" > batch.json
summary="$(jq -r '[.documents[] | "\(.fileName)=\(.status)/\(.errors + .warnings + .infos)"] | join(" ")' batch.json)"
check "text in UTF-16 (±BOM), UTF-8 BOM, GB18030, Big5" "$summary" \
  bash -c 'jq -e "[.documents[] | .status] | all(. == \"done\")" batch.json >/dev/null &&
    jq -e "[.documents[] | select(.fileName != \"big5.txt\") | .errors + .warnings + .infos] | unique | length == 1" batch.json >/dev/null'

# ---- every 4xx with a JSON reason in Chinese ----
bad=""
for spec in "401 GET /api/batches -" "401 GET /api/batches key" "403 POST /api/sweeps/reaudit reviewer" "404 GET /api/nothing admin" \
            "404 GET /api/batches/999999 admin" "400 POST /api/batches admin"; do
  read -r want method path who <<<"$spec"
  args=()
  [[ $who == key ]] && args=(-H "X-Api-Key: ae_not-a-key")
  [[ $who == reviewer ]] && args=(-b "$work/r.jar")
  [[ $who == admin ]] && args=(-b "$work/admin.jar")
  got="$(curl -s -o err.json -w '%{http_code}' -X "$method" "${args[@]}" "$BASE$path")"
  if [[ "$got" != "$want" ]] || ! is_json_error err.json; then bad+=" $method $path→$got"; fi
done
check "every 4xx carries a JSON error in Chinese" "401 ×2, 403, 404 ×2, 400 checked${bad:+; wrong:$bad}" test -z "$bad"

# ---- 1. brute force, timing, spraying (last: they leave this address throttled; 5 + 14 failures before spraying) ----
codes=""
for i in $(seq 1 30); do
  codes+="$(curl -s -D hdr.txt -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$(U victim)\",\"password\":\"guess-$i\"}" "$BASE/api/login") "
  [[ $i == 6 ]] && retry="$(grep -i '^retry-after:' hdr.txt | tr -d '\r' | awk '{print $2}')"
done
n401="$(grep -o 401 <<<"$codes" | wc -l)"; n429="$(grep -o 429 <<<"$codes" | wc -l)"
check "30 wrong passwords for one user" "$n401 × 401 then $n429 × 429, Retry-After ${retry:-none} s" \
  bash -c '[[ $1 == 5 && $2 == 25 && -n $3 ]]' _ "$n401" "$n429" "${retry:-}"
right="$(login "$work/v.jar" "$(U victim)" "$pw")"
check "right password while locked" "victim with the right password → $right" test "$right" = 429
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# Known and unknown names alternate, so a load change on the machine falls on both alike.
probe() { curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
  -d "{\"userName\":\"$1\",\"password\":\"wrong-$RANDOM\"}" "$BASE/api/login"; }
: > known.txt; : > unknown.txt
for u in t1 t2 t3 uploader t1 t2 t3; do probe "$(U $u)" >> known.txt; probe "nobody-$RANDOM$RANDOM" >> unknown.txt; done
known="$(median < known.txt)"; unknown="$(median < unknown.txt)"
check "user-name probing by timing" "median wrong-password login: existing user ${known}s, unknown user ${unknown}s (7 each, alternating)" \
  python3 -c "import sys; k, u = $known, $unknown; sys.exit(0 if 0.5 * k <= u <= 2 * k else 1)"
first429=""
for i in $(seq 1 25); do
  c="$(status -H 'Content-Type: application/json' -d "{\"userName\":\"spray-$i-$RANDOM\",\"password\":\"123456\"}" "$BASE/api/login")"
  if [[ $c == 429 ]]; then first429=$i; break; fi
done
after="$(login "$work/s.jar" "$(U spray-target)" "$pw")"
check "password spraying from one address" "first 429 at new name #${first429:-never} (20 failures per address); then a valid login → $after" \
  bash -c '[[ -n $1 && $2 == 429 ]]' _ "$first429" "$after"
failed_lines="$(grep -h '登录失败' "$DATA"/logs/*.json 2>/dev/null | wc -l)"
leaked="$(grep -h -c -e 'guess-' -e "$pw" "$DATA"/logs/*.json 2>/dev/null | paste -sd+ | bc)"
check "failed logins logged, passwords never" "$failed_lines '登录失败' log lines; lines holding a tried password: ${leaked:-0}" \
  bash -c '[[ $1 -gt 0 && ${2:-0} == 0 ]]' _ "$failed_lines" "${leaked:-0}"

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
