#!/usr/bin/env bash
# Set up brief on a fresh Debian/Ubuntu machine: the system libraries and fonts WeasyPrint and the
# tests need (installed only if missing), then a virtual environment in .venv with brief
# and its test tools. Safe to run again; a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-noto-core: Noto Serif/Sans for the HTML and PDF (Latin, Cyrillic, Greek); DejaVu is the fallback.
APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core poppler-utils)
# --test: also Debian's Chromium, in which the tests look at the HTML (playwright drives it; no browser download).
if [ "${1:-}" = "--test" ]; then APT_PACKAGES+=(chromium); fi
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "setup: please install these packages as root: ${missing[*]}" >&2; exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
