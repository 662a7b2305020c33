#!/bin/sh
# Put ipdesk in the applications menu (with its kiosk action) for this user, or for everyone with
# --system (as root). --remove takes the entry away again; the data folder is never touched.
#   ./install-desktop-entry.sh [--system] [--remove]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SYSTEM=0
REMOVE=0
for arg in "$@"; do
    case "$arg" in
        --system) SYSTEM=1 ;;
        --remove) REMOVE=1 ;;
        *) echo "usage: $0 [--system] [--remove]" >&2; exit 2 ;;
    esac
done
if [ "$SYSTEM" = 1 ]; then
    APPS=/usr/share/applications
    ICONS=/usr/share/icons/hicolor/256x256/apps
else
    APPS=${XDG_DATA_HOME:-$HOME/.local/share}/applications
    ICONS=${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps
fi
if [ "$REMOVE" = 1 ]; then
    rm -f "$APPS/ipdesk.desktop" "$ICONS/ipdesk.png"
    echo "removed the ipdesk menu entry"
    exit 0
fi
mkdir -p "$APPS" "$ICONS"
install -m 644 "$HERE/ipdesk.png" "$ICONS/ipdesk.png"
# Exec needs the absolute path of this unpacked bundle (menus do not search the bundle folder).
sed -e "s|^Exec=ipdesk kiosk supervise$|Exec=\"$HERE/ipdesk\" kiosk supervise|" -e "s|^Exec=ipdesk$|Exec=\"$HERE/ipdesk\"|" \
    "$HERE/ipdesk.desktop" > "$APPS/ipdesk.desktop"
chmod 644 "$APPS/ipdesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" >/dev/null 2>&1 || true
echo "installed $APPS/ipdesk.desktop"
