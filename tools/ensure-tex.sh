#!/usr/bin/env bash
# Make sure the TeX toolchain of the PDF edition is present; install it with apt when we can.
set -euo pipefail
PACKAGES="texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk fonts-noto-core fonts-dejavu-core poppler-utils"
missing=()
fonts="$(fc-list : file 2>/dev/null || true)"  # read once: grep -q on a pipe trips pipefail
command -v xelatex >/dev/null || missing+=(xelatex)
command -v latexmk >/dev/null || missing+=(latexmk)
command -v pdftotext >/dev/null || missing+=(pdftotext)
grep -qi "NotoSerif-Regular" <<<"$fonts" || missing+=("Noto Serif font")
grep -qi "NotoSans-Regular" <<<"$fonts" || missing+=("Noto Sans font")
grep -qi "DejaVuSansMono" <<<"$fonts" || missing+=("DejaVu Sans Mono font")
kpsewhich tabulary.sty >/dev/null 2>&1 || missing+=("tabulary.sty")
[ ${#missing[@]} -eq 0 ] && exit 0
echo "The PDF edition needs: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing with apt-get: $PACKAGES" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
  exit 0
fi
echo "Install them, then run make again:" >&2
echo "  sudo apt-get install --no-install-recommends $PACKAGES" >&2
exit 1
