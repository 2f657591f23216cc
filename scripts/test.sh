#!/usr/bin/env bash
# Set up, then run the whole test suite (tests that need ../shared skip cleanly without it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest -q "$@"
