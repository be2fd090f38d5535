#!/usr/bin/env bash
# Build the Linux kiosk: the one-folder bundle (dist/kiosk/) and its Debian package
# (dist/kiosk_<version>-<revision>_amd64.deb). Run from anywhere, on Debian 12 (bookworm) x86_64:
#
#   installer/build-linux.sh
#
# 1. PyInstaller builds the bundle from the locked dependencies (uv.lock, the `build` group adds
#    PyInstaller): the same prebuilt dlib-bin wheel as development, never compiled.
# 2. installer/linux/slim_bundle.py slims it (one OpenBLAS, ICU data for English and Chinese,
#    unused libraries dropped, the interpreter stripped, Debian's own libraries left to Debian)
#    and lists the Debian packages it needs; installer/collect_licenses.py adds the licences.
# 3. dpkg-deb wraps it: /opt/kiosk, /usr/bin/kiosk, the desktop entry, the service and its PAM
#    file, and the maintainer scripts from installer/linux/debian/.
#
# KIOSK_DEB_REVISION (default 1) is the Debian revision; the version is `kiosk --version`'s.
# As root on a machine with apt, the build tools it lacks are installed first.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_INSTALLED_MB=350
revision="${KIOSK_DEB_REVISION:-1}"
started=$SECONDS

# Build tools: gcc (the OpenBLAS shim, the ICU data library), binutils, icu-devtools, dpkg-dev
# tools; and the libraries of the Qt platform plugins kept (X11 and Wayland), which PyInstaller
# must see to resolve them.
build_packages="gcc binutils icu-devtools dpkg libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libwayland-client0
    libwayland-cursor0 libwayland-egl1 libgl1 libegl1 libfontconfig1 libdbus-1-3"
missing=""
for package in $build_packages; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing build packages:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "build-linux.sh: install these first: sudo apt-get install$missing" >&2
        exit 1
    fi
fi

echo "== PyInstaller bundle"
uv sync --frozen --group build --quiet
rm -rf build/kiosk dist/kiosk
uv run --frozen --group build pyinstaller installer/kiosk.spec --noconfirm --log-level WARN
pyinstaller_mb=$(du -sm dist/kiosk | cut -f1)

echo "== slimming (PyInstaller gave ${pyinstaller_mb} MB)"
mkdir -p build/deb
uv run --frozen python installer/linux/slim_bundle.py dist/kiosk build/deb/depends.txt
uv run --frozen python installer/collect_licenses.py dist/kiosk build/kiosk/PYZ-00.toc

version=$(dist/kiosk/kiosk --version | cut -d' ' -f2)
installed_mb=$(du -sm dist/kiosk | cut -f1)
echo "kiosk $version: ${installed_mb} MB installed (from ${pyinstaller_mb} MB)"
if [ "$installed_mb" -gt "$MAX_INSTALLED_MB" ]; then
    echo "build-linux.sh: the installed folder is ${installed_mb} MB, over the ${MAX_INSTALLED_MB} MB budget" >&2
    exit 1
fi

echo "== Debian package"
root=build/deb/root
rm -rf "$root"
install -d "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/lib/systemd/system" \
    "$root/etc/pam.d" "$root/usr/share/doc/kiosk" "$root/DEBIAN"
cp -a dist/kiosk "$root/opt/kiosk"
ln -s /opt/kiosk/kiosk "$root/usr/bin/kiosk"
debian=installer/linux/debian
install -m 0644 "$debian/kiosk.desktop" "$root/usr/share/applications/kiosk.desktop"
install -m 0644 "$debian/kiosk.service" "$root/lib/systemd/system/kiosk.service"
install -m 0644 "$debian/kiosk.pam" "$root/etc/pam.d/kiosk"
install -m 0755 "$debian/postinst" "$debian/prerm" "$debian/postrm" "$root/DEBIAN/"
echo /etc/pam.d/kiosk > "$root/DEBIAN/conffiles"
cat > "$root/usr/share/doc/kiosk/copyright" <<'EOF'
The attendance kiosk, and what it bundles under /opt/kiosk. Every bundled part's
licence is in /opt/kiosk/licenses/; its README.md is the index, and says what
the dlib 68-point landmark model (trained on iBUG 300-W) allows.
EOF
cat > "$root/usr/share/doc/kiosk/README.Debian" <<'EOF'
kiosk.service starts the kiosk full screen on tty1 at boot, in the cage compositor,
as the system user "kiosk". Its data (database, settings, key file, log) is in
/var/lib/kiosk (mode 0700). `journalctl -u kiosk` shows the service's messages.
Stop it with `systemctl stop kiosk`; `systemctl disable --now kiosk` keeps it off.
Removing the package keeps /var/lib/kiosk; purging deletes it and the user.
EOF

# Debian's libraries the bundle loads; the service's needs (cage 0.1.4 refuses to start without
# Xwayland, though its package does not depend on it); the font Chinese needs.
depends=$(cat build/deb/depends.txt; printf '%s\n' adduser init-system-helpers cage xwayland libpam-systemd fonts-noto-cjk)
depends=$(echo "$depends" | sort -u | paste -sd, | sed 's/,/, /g')
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: kiosk
Version: ${version}-${revision}
Architecture: amd64
Maintainer: Attendance kiosk project <kiosk@localhost>
Installed-Size: ${installed_kb}
Depends: ${depends}
Recommends: pulseaudio-utils | alsa-utils
Section: misc
Priority: optional
Description: face-recognition attendance kiosk
 A webcam by the door recognises staff and clocks them in and out after a
 blink; HR exports the log to Excel. Starts at boot full screen on the first
 console (kiosk.service, in the cage compositor) as the system user "kiosk",
 whose data stays in /var/lib/kiosk.
EOF

deb="dist/kiosk_${version}-${revision}_amd64.deb"
rm -f dist/kiosk_*.deb
# gzip: xz would make a 25% smaller file in four times the time (2 cores).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >/dev/null
echo "built $deb ($(du -m "$deb" | cut -f1) MB, installs ${installed_mb} MB) in $((SECONDS - started)) s"
