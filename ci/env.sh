# Sourced by .ci/run, make-rootfs.sh and fetch-kernels.sh: the settings the shell side reads, each spelled here
# once (the C# side spells them once too, in model/Results/RunContract.cs).
#
#   CONFORMANCE_CACHE           the cache outside the clone: $cache_root (default /var/cache/conformance for root,
#                               else ${XDG_CACHE_HOME:-~/.cache}/conformance, as harness/Runs/CacheFolder.cs decides)
#   CONFORMANCE_DEBIAN_MIRROR   the Debian archive to bootstrap from: $mirror, set by debian_mirror
if [ -n "${CONFORMANCE_CACHE:-}" ]; then cache_root="$CONFORMANCE_CACHE"
elif [ "$(id -u)" = 0 ]; then cache_root=/var/cache/conformance
else cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/conformance"
fi

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
