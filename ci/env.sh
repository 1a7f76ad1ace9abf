# Sourced by .ci/run, make-rootfs.sh and fetch-kernels.sh: the settings the shell side reads, each spelled here
# once (the C# side spells them once too, in model/Results/RunContract.cs).
#
#   CONFORMANCE_CACHE           the cache outside the clone (default /var/cache/conformance): $cache_root
#   CONFORMANCE_DEBIAN_MIRROR   the Debian archive to bootstrap from: $mirror, set by debian_mirror
cache_root="${CONFORMANCE_CACHE:-/var/cache/conformance}"

# Sets $mirror to CONFORMANCE_DEBIAN_MIRROR, or else to the Debian archive this machine's apt already uses (so no
# host is named in the repository).
debian_mirror() {
  mirror="${CONFORMANCE_DEBIAN_MIRROR:-}"
  if [ -z "$mirror" ]; then
    # The first "URIs:" of deb822 sources, or the first "deb" line, that serves Debian's main archive.
    mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
    [ -n "$mirror" ] || mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  fi
  if [ -z "$mirror" ]; then
    echo "no Debian mirror found in /etc/apt; set CONFORMANCE_DEBIAN_MIRROR (see ci/env.sh)" >&2
    exit 2
  fi
}
