#!/usr/bin/env bash
# Install what coordgraph needs outside Python:
#  - Graphviz's `dot` (required: rendering needs it);
#  - a Chromium, for the browser tests of the HTML organigram (Debian's
#    `chromium` package; Playwright drives it, nothing else is downloaded).
#    Without one those tests are skipped. COORDGRAPH_CHROMIUM=/path/to/chrome
#    names another Chromium or Chrome; COORDGRAPH_NO_BROWSER=1 skips it;
#  - for the tests of files in office documents and other fonts (skipped with
#    COORDGRAPH_NO_BROWSER=1 too): DejaVu Sans and Liberation Sans, the fonts
#    text is measured in, and poppler's `pdfinfo`; LibreOffice Writer, which
#    converts a brief's .docx to PDF to count its pages (and so proves that
#    the file opens in Writer).
# Uses apt-get where it exists; elsewhere says which command to run.
set -euo pipefail

have_chromium() {
  if [ -n "${COORDGRAPH_CHROMIUM:-}" ]; then
    command -v "$COORDGRAPH_CHROMIUM" >/dev/null 2>&1 && return 0
    echo "warning: COORDGRAPH_CHROMIUM=$COORDGRAPH_CHROMIUM is not an executable;" \
         "the browser tests will be skipped" >&2
    return 0   # the user chose a browser: do not install another one
  fi
  [ -x /usr/bin/chromium ] && return 0
  local name
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}

browser_hint() {
  cat >&2 <<MSG
note: no Chromium found, so the browser tests of the HTML organigram will be
skipped (everything else works). To run them, install Chromium or Chrome:
  Debian/Ubuntu: apt-get install chromium
  macOS:         brew install --cask chromium   (or Google Chrome)
  Windows:       winget install Google.Chrome
and, if it is not on PATH as chromium or google-chrome, set
  COORDGRAPH_CHROMIUM=/path/to/chromium-or-chrome
  (macOS Chrome: "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
MSG
}

need=()   # required
want=()   # for the browser tests
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ -z "${COORDGRAPH_NO_BROWSER:-}" ] && ! have_chromium; then
  want+=(chromium)
fi
if [ -z "${COORDGRAPH_NO_BROWSER:-}" ] && command -v apt-get >/dev/null 2>&1; then
  fonts="$(fc-list : family 2>/dev/null || true)"
  grep -q "DejaVu Sans" <<<"$fonts" || want+=(fonts-dejavu-core)
  grep -q "Liberation Sans" <<<"$fonts" || want+=(fonts-liberation2)
  command -v pdfinfo >/dev/null 2>&1 || want+=(poppler-utils)
  # soffice alone is not enough: without Writer it cannot open a .docx
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 \
    || dpkg -s libreoffice-writer >/dev/null 2>&1 || want+=(libreoffice-writer-nogui)
fi
# `brief --format pdf`: WeasyPrint lays out text with Pango (and its FreeType
# backend); without them `import weasyprint` fails with OSError.
if command -v apt-get >/dev/null 2>&1 && command -v ldconfig >/dev/null 2>&1; then
  libs="$(ldconfig -p 2>/dev/null || true)"
  grep -q "libpango-1.0.so.0" <<<"$libs" || want+=(libpango-1.0-0)
  grep -q "libpangoft2-1.0.so.0" <<<"$libs" || want+=(libpangoft2-1.0-0)
fi

if [ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      if [ ${#need[@]} -gt 0 ]; then
        echo "coordgraph needs: ${need[*]}. Run as root: apt-get install -y ${need[*]} ${want[*]}" >&2
        exit 1
      fi
      browser_hint
      exit 0
    fi
  fi
  echo "Installing $(echo ${need[*]} ${want[*]}) with apt-get..." >&2
  $SUDO apt-get update -qq
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${need[@]}" fonts-dejavu-core >/dev/null
  fi
  if [ ${#want[@]} -gt 0 ]; then
    if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${want[@]}" fonts-dejavu-core >/dev/null; then
      echo "warning: apt-get could not install ${want[*]}" >&2
      browser_hint
    fi
  fi
  exit 0
fi

if [ ${#need[@]} -gt 0 ]; then
  cat >&2 <<MSG
coordgraph needs Graphviz (the 'dot' command) and could not install it here.
  macOS:   brew install graphviz
  conda:   conda install -c conda-forge graphviz
  Windows: winget install graphviz   (then reopen the terminal)
  Other Linux: install your distribution's 'graphviz' package
MSG
  [ ${#want[@]} -eq 0 ] || browser_hint
  exit 1
fi
browser_hint
exit 0
