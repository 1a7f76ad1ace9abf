#!/usr/bin/env bash
# Fetches Debian's cloud kernels for the kernel columns, one per release, into a cache outside the clone,
# and reuses them when present. apt runs with a throwaway configuration pointed at each release, so the
# host's own apt state is untouched.
#
#   ci/fetch-kernels.sh [SUITE ...]    default: bullseye bookworm trixie
#   the cache folder and the Debian mirror are read as ci/env.sh says; kernels go to kernels/ in the cache
#
# Leaves kernels/<suite>/vmlinuz and kernels/<suite>/release (the kernel release, as uname -r says it).
set -euo pipefail
suites=("$@"); [ ${#suites[@]} -gt 0 ] || suites=(bullseye bookworm trixie)
. "$(dirname "$0")/env.sh"
debian_mirror
cache="$cache_root/kernels"

for suite in "${suites[@]}"; do
  dest="$cache/$suite"
  if [ -s "$dest/vmlinuz" ] && [ -s "$dest/release" ]; then
    echo "$suite: cached $(cat "$dest/release")"
    continue
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/x"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" > "$work/sources.list"
  apt=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists"
       -o "Dir::Cache=$work/cache" -o Dir::State::status=/dev/null -o APT::Architecture=amd64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${apt[@]}" -qq update
  # linux-image-cloud-amd64 depends on the versioned image; from forky on, that depends on linux-binary-*,
  # which holds the kernel itself.
  image=$(apt-cache "${apt[@]}" depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  [ -n "$image" ] || { echo "fetch-kernels: no cloud kernel found in $suite" >&2; exit 1; }
  packages=("$image")
  binary=$(apt-cache "${apt[@]}" depends "$image" | awk '/Depends: linux-binary-/{print $2; exit}')
  [ -z "$binary" ] || packages+=("$binary")
  (cd "$work" && apt-get "${apt[@]}" -qq download "${packages[@]}")
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
  vmlinuz=$( (ls "$work"/x/boot/vmlinuz-* "$work"/x/usr/lib/modules/*/vmlinuz 2>/dev/null || true) | head -n1)
  [ -n "$vmlinuz" ] || { echo "fetch-kernels: $image has no vmlinuz" >&2; exit 1; }
  release=$( (ls "$work"/x/usr/lib/modules "$work"/x/lib/modules 2>/dev/null || true) | grep -E '^[0-9]' | head -n1)
  mkdir -p "$dest.tmp" && cp "$vmlinuz" "$dest.tmp/vmlinuz" && echo "$release" > "$dest.tmp/release"
  rm -rf "$dest" && mv "$dest.tmp" "$dest"   # whole or not at all
  rm -rf "$work"; trap - EXIT
  echo "$suite: fetched $release"
done
