#!/usr/bin/env bash
# Set up brief on a fresh Debian/Ubuntu machine (only git and python3 needed first): the system
# libraries and fonts WeasyPrint needs (installed only if missing), then a virtual environment
# in .venv with brief — and, with --test, the test tools and the browser they drive. Safe to
# run again: a second run installs nothing new, and a broken .venv (made without pip) is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-noto-core: Noto Serif/Sans for the HTML and PDF (Latin, Cyrillic, Greek); DejaVu is the fallback.
APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core poppler-utils)
PYTHON=${PYTHON:-python3}
# The venv module needs ensurepip, which Debian ships apart in python3-venv.
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then APT_PACKAGES+=(python3-venv); fi
# --test: also Debian's Chromium, in which the tests look at the HTML (playwright drives it; no browser
# download), and libatomic1, which playwright's bundled node needs and chromium does not pull in.
TEST=0
if [ "${1:-}" = "--test" ]; then TEST=1; APT_PACKAGES+=(chromium libatomic1); fi
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

if [ -e .venv ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  echo "setup: .venv is broken (no working pip; made before python3-venv was installed?); rebuilding it" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ "$TEST" = 1 ]; then TARGET=".[test]"; else TARGET="."; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$TARGET"
