# Shared set-up for run.sh and test.sh (sourced, not run): installs what a fresh machine lacks.
# Everything the project needs must be installed from here, since hand-installed tools do not survive a new machine.

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the engine needs: local OCR (libtesseract5 + the chi_sim and eng models, called through our own
# P/Invoke binding; FreeType renders the Noto CJK glyph templates for one-glyph cells), poppler for PDFs, CJK fonts so
# LibreOffice renders Chinese, and LibreOffice itself for legacy
# .doc/.xls and for the sample generator's PDFs; chromium for the dashboard's browser tests (Playwright drives it, never downloads one).
APT_PACKAGES="libtesseract5 libfreetype6 tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui chromium"

# Installs the named Debian packages that `dpkg -s` reports missing; does nothing for an empty list.
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "缺少系统软件包 missing packages: ${missing[*]} — 请手动安装 please install them (no apt-get here)" >&2
    return 1
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  echo "安装系统软件包 installing: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Makes sure the .NET SDK is on PATH, looking in the usual per-user install folder too.
ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 && [[ -x "$HOME/.dotnet/dotnet" ]]; then
    export PATH="$HOME/.dotnet:$PATH"
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    cat >&2 <<'MSG'
找不到 dotnet：需要 .NET 10 SDK。 The .NET 10 SDK is required but `dotnet` is not on PATH.
Install it, for example:
  Debian/Ubuntu:  sudo apt-get install -y dotnet-sdk-10.0   (Microsoft package feed)
  any Linux:      https://learn.microsoft.com/dotnet/core/install/linux  (dotnet-install.sh --channel 10.0)
then run this script again.
MSG
    exit 1
  fi
}

ensure_setup() {
  ensure_dotnet
  # Word-splitting is intended: the variable is a space-separated list.
  # shellcheck disable=SC2086
  ensure_apt_packages $APT_PACKAGES
}
