#!/usr/bin/env bash
# Installs the system packages Passerelle needs, when they are missing and we may (root with apt-get);
# otherwise stops with the name of the package for each platform. Idempotent: quiet when all is there.
set -euo pipefail

# Debian package -> a file that proves it is installed.
declare -A PROOF=(
  [softhsm2]="/usr/lib/softhsm/libsofthsm2.so"
  [libengine-pkcs11-openssl]="/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so"
  # The browser end-to-end tests (test/browser/) drive Debian's Chromium through playwright-core.
  [chromium]="/usr/bin/chromium"
  # xmllint checks the XDS bodies against the OASIS ebRS schemas in the tests (test/support/ebrs.ts).
  [libxml2-utils]="/usr/bin/xmllint"
  # The desktop's way to the platform with the card, proved with Chromium (test/browser/nss-client-certificate):
  # NSS's modutil and certutil register the card's module, Xvfb shows the browser and its PIN dialog,
  # xdotool types the PIN in it.
  [libnss3-tools]="/usr/bin/modutil"
  [xvfb]="/usr/bin/Xvfb"
  [xdotool]="/usr/bin/xdotool"
  # The mock MSSanté operator's IMAP server (mock-platform/mssante/dovecot-imap.ts): Dovecot, started by the mock.
  [dovecot-imapd]="/usr/lib/dovecot/imap-login"
)
want=()
for pkg in "${!PROOF[@]}"; do
  proof=${PROOF[$pkg]}
  if [ ! -e "$proof" ] && ! { command -v dpkg-query >/dev/null && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; }; then
    want+=("$pkg")
  fi
done
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation des paquets système / installing system packages: ${want[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
Paquets système manquants / missing system packages: ${want[*]}
  Debian/Ubuntu : sudo apt-get install softhsm2 libengine-pkcs11-openssl chromium libxml2-utils \\
                    libnss3-tools xvfb xdotool dovecot-imapd
  Fedora        : sudo dnf install softhsm openssl-pkcs11 dovecot
  macOS         : brew install softhsm libp11 dovecot
  Windows       : install SoftHSM2 (https://github.com/disig/SoftHSM2-for-Windows), then set
                  PASSERELLE_SOFTHSM_MODULE to softhsm2-x64.dll
MSG
exit 1
