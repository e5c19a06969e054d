#!/usr/bin/env bash
# Writes the gzipped man page of one spro program from its --help (help2man),
# with each subcommand's --help in a COMMANDS section.
# Usage: make-man.sh PROGRAM VERSION "one-line description" OUT.1.gz [SUBCOMMAND...]
set -euo pipefail
program="$1"; version="$2"; description="$3"; out="$4"; shift 4
name=$(basename "$program")
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
  echo "[SEE ALSO]"
  echo "spro-index(1), spro-search(1), spro-serve(1); /usr/share/doc/spro-serve/deployment.md"
  if [ $# -gt 0 ]; then
    echo "[COMMANDS]"
    for sub in "$@"; do
      echo ".SS \"$name $sub\""
      echo ".nf"
      # The usage line names the build path: show the installed name.
      "$program" "$sub" --help | sed -e "s|$program|$name|g" -e 's/\\/\\e/g' -e 's/^\./\\\&./'
      echo ".fi"
    done
  fi
} > "$include"
help2man --no-info --version-string="$version" --name="$description" --include="$include" "$program" \
  | sed "s|$program|$name|g" | gzip -9n > "$out"
