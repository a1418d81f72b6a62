#!/usr/bin/env bash
# Install what coordgraph needs outside Python: Graphviz's `dot`.
# Uses apt-get where it exists; elsewhere says which command to run.
set -euo pipefail

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "coordgraph needs: ${need[*]}. Run as root: apt-get install -y ${need[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing ${need[*]} with apt-get..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${need[@]}" fonts-dejavu-core >/dev/null
  exit 0
fi

cat >&2 <<MSG
coordgraph needs Graphviz (the 'dot' command) and could not install it here.
  macOS:   brew install graphviz
  conda:   conda install -c conda-forge graphviz
  Windows: winget install graphviz   (then reopen the terminal)
  Other Linux: install your distribution's 'graphviz' package
MSG
exit 1
