#!/usr/bin/env bash
# Makes minimal Debian root filesystems (debootstrap --variant=minbase) as tarballs for the distro sweep,
# in a cache outside the clone, and reuses them when present.
#
#   ci/make-rootfs.sh [SUITE ...]      default: bullseye bookworm trixie
#                                      SUITE-vm: the same plus iproute2 and busybox, the userland of the kernel
#                                      columns' guests (init needs busybox; the namespace claims need ip)
#   the cache folder and the Debian mirror are read as ci/env.sh says; tarballs go to rootfs/ in the cache
#
# Prints one line per suite. Needs root and debootstrap (apt-get install debootstrap).
set -euo pipefail
suites=("$@"); [ ${#suites[@]} -gt 0 ] || suites=(bullseye bookworm trixie)

. "$(dirname "$0")/env.sh"
debian_mirror
cache="$cache_root/rootfs"
command -v debootstrap >/dev/null || { echo "make-rootfs: debootstrap is missing (apt-get install debootstrap)" >&2; exit 2; }

mkdir -p "$cache"
for suite in "${suites[@]}"; do
  tarball="$cache/$suite.tar"
  if [ -s "$tarball" ]; then
    echo "$suite: cached $tarball"
    continue
  fi
  work=$(mktemp -d "$cache/.$suite.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  started=$(date +%s)
  include=(); base="$suite"
  if [[ "$suite" == *-vm ]]; then base="${suite%-vm}"; include=(--include=iproute2,busybox); fi
  if ! debootstrap --variant=minbase "${include[@]}" "$base" "$work/root" "$mirror" > "$work/log" 2>&1; then
    echo "make-rootfs: debootstrap $suite failed; the last lines of its log:" >&2; tail -n 15 "$work/log" >&2; exit 1
  fi
  tar -C "$work/root" -cf "$work/rootfs.tar" .
  mv "$work/rootfs.tar" "$tarball"   # whole or not at all
  rm -rf "$work"; trap - EXIT
  echo "$suite: made $tarball in $(( $(date +%s) - started )) s"
done
