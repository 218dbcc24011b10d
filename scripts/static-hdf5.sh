#!/bin/bash
# Prepares a pkg-config folder under .build/ through which the release build links the
# distribution's static libhdf5 (and szip's), and prints that folder for PKG_CONFIG_PATH.
# Prints nothing when the archive is not installed: the build then links libhdf5 as a
# shared library, as before.
#
# Why: Debian's shared libhdf5 needs libcurl (for its S3 driver) and with it about thirty
# more libraries, which the dynamic loader finds and relocates at every start. Linked from
# the archive, only the objects this program calls come in (no S3 driver, no libcurl), and
# `nasreplay --version` takes 5 ms instead of 11.
set -euo pipefail
libdir=$(pkg-config --libs-only-L hdf5-serial 2>/dev/null | sed -n 's/^ *-L\([^ ]*\).*/\1/p')
cflags=$(pkg-config --cflags hdf5-serial 2>/dev/null || true)
[ -n "$libdir" ] && [ -f "$libdir/libhdf5.a" ] || exit 0
out=.build/static-hdf5
mkdir -p "$out/lib"
ln -sf "$libdir/libhdf5.a" "$out/lib/libhdf5.a"
# szip (libsz, libaec) from their archives too when both are present (`-l:` names the file,
# so the linker takes the archive even where the shared library sits beside it).
szip="-lsz -laec"
found=0
for lib in libsz.a libaec.a; do
    path=""
    for compiler in clang cc gcc; do
        command -v $compiler >/dev/null && { path=$($compiler -print-file-name=$lib 2>/dev/null || true); break; }
    done
    if [ -f "$path" ]; then ln -sf "$path" "$out/lib/$lib"; found=$((found + 1)); fi
done
[ $found -eq 2 ] && szip="-l:libsz.a -l:libaec.a"
cat > "$out/hdf5-serial.pc.tmp" <<PC
Name: hdf5-serial
Description: HDF5 (serial), the static archive
Version: $(pkg-config --modversion hdf5-serial)
Cflags: $cflags
Libs: -L$(pwd)/$out/lib -lhdf5 $szip -lz -lm
PC
mv "$out/hdf5-serial.pc.tmp" "$out/hdf5-serial.pc"
echo "$(pwd)/$out"
