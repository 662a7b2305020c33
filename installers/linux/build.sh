#!/usr/bin/env bash
# Build the Linux release: the onedir bundle, its .tar.gz, the AppDir (and the AppImage when
# appimagetool is installed), then smoke-test the bundle. This is what `make dist` runs.
#
#   bash installers/linux/build.sh            # from the repository root, after `make setup`
#   IPDESK_SKIP_SMOKE=1 bash installers/linux/build.sh
#
# Outputs (dist/): ipdesk/ (the bundle), ipdesk-<version>-linux-<arch>.tar.gz, ipdesk.AppDir/,
# ipdesk-<version>-<arch>.AppImage (only with appimagetool), build-times.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}
VERSION=$("$BIN/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
NAME="ipdesk-$VERSION-linux-$ARCH"

t0=$(date +%s)
nice -n 10 "$BIN/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installers/ipdesk.spec
t1=$(date +%s)

# Desktop integration travels inside the bundle: entry, icon, and a script that installs both.
install -m 644 installers/linux/ipdesk.desktop dist/ipdesk/ipdesk.desktop
install -m 644 resources/icons/ipdesk.png dist/ipdesk/ipdesk.png
install -m 755 installers/linux/install-desktop-entry.sh dist/ipdesk/install-desktop-entry.sh

rm -f "dist/$NAME.tar.gz"
tar -C dist --owner=0 --group=0 --transform "s,^ipdesk,$NAME," -czf "dist/$NAME.tar.gz" ipdesk
t2=$(date +%s)

bash installers/linux/build_appimage.sh "$VERSION"
t3=$(date +%s)

{
    echo "version $VERSION"
    echo "pyinstaller $((t1 - t0)) s"
    echo "tar.gz $((t2 - t1)) s"
    echo "appdir/appimage $((t3 - t2)) s"
    echo "bundle $(du -sm dist/ipdesk | cut -f1) MB on disk, tar.gz $(du -sm "dist/$NAME.tar.gz" | cut -f1) MB"
} | tee dist/build-times.txt

if [ "${IPDESK_SKIP_SMOKE:-0}" != 1 ]; then
    "$BIN/python" tools/smoke_bundle.py --bundle dist/ipdesk
fi
