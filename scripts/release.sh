#!/usr/bin/env bash
# Builds the release tarball: partnerhub with the Swift standard library and Foundation linked
# statically (no Swift toolchain needed where it runs), stripped, with the man page, shell
# completions and the bundled themes.
#   scripts/release.sh [OUTDIR]      -> OUTDIR/partnerhub-VERSION-linux-ARCH.tar.gz (default dist/)
# Install: tar -xzf partnerhub-*.tar.gz -C ~/.local   (or sudo ... -C /usr/local)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/partnerhub/BuildInfo.swift)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
arch=$(uname -m)
name="partnerhub-$version-linux-$arch"

# The commit goes into --version for this build only; the file is put back however we leave.
cp Sources/partnerhub/BuildInfo.swift /tmp/partnerhub-BuildInfo.swift.$$
trap 'cp /tmp/partnerhub-BuildInfo.swift.$$ Sources/partnerhub/BuildInfo.swift; rm -f /tmp/partnerhub-BuildInfo.swift.$$' EXIT
sed -i "s/static let commit = \".*\"/static let commit = \"commit $commit\"/" Sources/partnerhub/BuildInfo.swift

swift build -c release --product partnerhub --static-swift-stdlib
bin=$(swift build -c release --product partnerhub --static-swift-stdlib --show-bin-path)/partnerhub

stage=$(mktemp -d)
mkdir -p "$stage/$name/bin" "$stage/$name/share/man/man1" "$stage/$name/share/partnerhub/themes" \
         "$stage/$name/share/bash-completion/completions" "$stage/$name/share/zsh/site-functions" \
         "$stage/$name/share/fish/vendor_completions.d"
cp "$bin" "$stage/$name/bin/partnerhub"
strip "$stage/$name/bin/partnerhub"
cp docs/man/partnerhub.1 "$stage/$name/share/man/man1/"
cp themes/*.toml "$stage/$name/share/partnerhub/themes/"
"$stage/$name/bin/partnerhub" --generate-completion-script bash > "$stage/$name/share/bash-completion/completions/partnerhub"
"$stage/$name/bin/partnerhub" --generate-completion-script zsh > "$stage/$name/share/zsh/site-functions/_partnerhub"
"$stage/$name/bin/partnerhub" --generate-completion-script fish > "$stage/$name/share/fish/vendor_completions.d/partnerhub.fish"
cp README.md "$stage/$name/share/partnerhub/"

mkdir -p "$out"
# Installs under a prefix: the tarball's top folder is stripped by the README's command.
tar -C "$stage/$name" -czf "$out/$name.tar.gz" .
rm -rf "$stage"
echo "$out/$name.tar.gz"
