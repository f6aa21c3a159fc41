#!/usr/bin/env bash
# Installs the `firebreak` command (CLI and server in one program) from this checkout:
#   scripts/install.sh [--prefix DIR] [--no-build]   # default DIR: ~/.local → ~/.local/bin/firebreak
#   --no-build installs the Debug build this checkout already has (what scripts/test.sh builds) instead of a Release one.
# The program is published to DIR/lib/firebreak and linked from DIR/bin, so `firebreak serve` finds its web assets
# next to itself and the command works from any folder. Run it again to update.
set -euo pipefail

prefix="${HOME}/.local"
build=(-c Release)
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] && [ -n "$2" ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --no-build) build=(-c Debug --no-build); shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (usage: scripts/install.sh [--prefix DIR] [--no-build])" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || { echo "install.sh: the .NET 10 SDK (dotnet) is needed to build firebreak" >&2; exit 1; }

repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
lib="$prefix/lib/firebreak"
bin="$prefix/bin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Publish beside the old copy, then swap, so a failed build leaves the installed command working.
staging="$(mktemp -d "$prefix/.firebreak-install.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
dotnet publish "$repo/src/Firebreak.Server" "${build[@]}" -o "$staging/firebreak" --nologo -v quiet
mkdir -p "$prefix/lib" "$bin"
rm -rf "$lib"
mv "$staging/firebreak" "$lib"
ln -sfn "$lib/firebreak" "$bin/firebreak"

echo "Installed firebreak $("$bin/firebreak" --version) to $bin/firebreak"
case ":${PATH}:" in
  *":$bin:"*) ;;
  *) echo "$bin is not on your PATH; add it, e.g.: echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc" ;;
esac
