#!/usr/bin/env bash
# Debian packages the service and its tests need beyond Python: WeasyPrint's Pango (board
# papers as PDF), a sans-serif font for them, and poppler's pdftotext/pdftoppm (the tests read
# the PDFs back). Installs only what is missing, with apt-get as root or through sudo.
set -euo pipefail

missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'liberation' || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "error: install these (Debian names) with your package manager: ${missing[*]}" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
echo "installing ${missing[*]} (board papers need them)..."
"${as_root[@]}" apt-get update -qq || true
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || {
  echo "error: could not install ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
  exit 1
}
