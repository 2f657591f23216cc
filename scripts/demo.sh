#!/usr/bin/env bash
# Set up, then build a demo briefing (HTML, PDF, JSON, Markdown) from examples/ into out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/brief build examples/ --format html,pdf,json,md --out out/demo --title "Demo briefing" -v
