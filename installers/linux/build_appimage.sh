#!/usr/bin/env bash
# Turn dist/ipdesk into an AppDir, and into an AppImage when `appimagetool` is installed.
#
# appimagetool is not offered by any package registry this project can reach (PyPI, Debian, npm):
# the PyPI packages that make AppImages (appimage, python-appimage, pyproject-appimage) download
# it from GitHub at build time, which this build does not do. So this step always leaves a
# complete AppDir (AppRun, desktop entry, icon, the bundle under usr/lib/ipdesk) and makes the
# AppImage only where appimagetool is on PATH (or APPIMAGETOOL names it):
#     ARCH=x86_64 appimagetool dist/ipdesk.AppDir dist/ipdesk-<version>-x86_64.AppImage
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?usage: build_appimage.sh VERSION}
ARCH=$(uname -m)
APPDIR=dist/ipdesk.AppDir
test -x dist/ipdesk/ipdesk || { echo "build_appimage.sh: build dist/ipdesk first" >&2; exit 1; }

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/icons/hicolor/256x256/apps"
cp -al dist/ipdesk "$APPDIR/usr/lib/ipdesk" 2>/dev/null || cp -a dist/ipdesk "$APPDIR/usr/lib/ipdesk"
rm -f "$APPDIR/usr/lib/ipdesk/install-desktop-entry.sh"  # an AppImage integrates through its own tools
install -m 644 installers/linux/ipdesk.desktop "$APPDIR/ipdesk.desktop"
install -m 644 installers/linux/ipdesk.desktop "$APPDIR/usr/share/applications/ipdesk.desktop"
install -m 644 resources/icons/ipdesk.png "$APPDIR/ipdesk.png"
install -m 644 resources/icons/ipdesk.png "$APPDIR/usr/share/icons/hicolor/256x256/apps/ipdesk.png"
ln -sf ipdesk.png "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'RUN'
#!/bin/sh
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/ipdesk/ipdesk" "$@"
RUN
chmod 755 "$APPDIR/AppRun"

TOOL=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$TOOL" ]; then
    echo "AppImage skipped: appimagetool is not installed (no registry this build reaches offers it);"
    echo "  the AppDir is ready at $APPDIR; run: ARCH=$ARCH appimagetool $APPDIR dist/ipdesk-$VERSION-$ARCH.AppImage"
    exit 0
fi
ARCH=$ARCH "$TOOL" --no-appstream "$APPDIR" "dist/ipdesk-$VERSION-$ARCH.AppImage"
