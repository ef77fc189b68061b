#!/usr/bin/env bash
# Install the Debian packages the tests need, only when something is missing.
# chromium: browser tests; nginx: header tests; zbar-tools: QR decoding;
# poppler-utils: PDF text; aspell: spelling.
set -euo pipefail

declare -A need=(
  [chromium]=chromium
  [nginx]=nginx
  [zbarimg]=zbar-tools
  [pdftotext]=poppler-utils
  [aspell]="aspell aspell-en"
)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=(${need[$cmd]})
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "▶ installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "✅ Debian packages installed"
