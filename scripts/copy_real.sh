#!/usr/bin/env bash
# Copy real documents from ../shared/real into corpus/real with their MANIFEST lines, so tests and
# `planparse eval` run from a clean clone. Usage: scripts/copy_real.sh FOLDER/FILE ...
set -euo pipefail
cd "$(dirname "$0")/.."
for rel in "$@"; do
  folder=$(dirname "$rel"); name=$(basename "$rel")
  src="../shared/real/$rel"; dst="corpus/real/$folder"
  mkdir -p "$dst"
  cp "$src" "$dst/$name"
  [ -f "$dst/MANIFEST.tsv" ] || head -n 1 "../shared/real/$folder/MANIFEST.tsv" > "$dst/MANIFEST.tsv"
  if ! cut -f1 "$dst/MANIFEST.tsv" | grep -qxF "$name"; then
    awk -F'\t' -v n="$name" '$1 == n' "../shared/real/$folder/MANIFEST.tsv" >> "$dst/MANIFEST.tsv"
  fi
done
