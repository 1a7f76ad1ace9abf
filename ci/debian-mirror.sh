# Sourced by make-rootfs.sh and fetch-kernels.sh: sets $mirror to CONFORMANCE_DEBIAN_MIRROR, or else to the
# Debian archive this machine's apt already uses (so no host is named in the repository).
mirror="${CONFORMANCE_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # The first "URIs:" of deb822 sources, or the first "deb" line, that serves Debian's main archive.
  mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$mirror" ] || mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
fi
if [ -z "$mirror" ]; then
  echo "no Debian mirror found in /etc/apt; set CONFORMANCE_DEBIAN_MIRROR" >&2
  exit 2
fi
