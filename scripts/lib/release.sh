# Sourced by the benchmarks: the release build of a product as Mailroom is deployed.
# - The Swift runtime and Foundation are linked into the binary (--static-swift-stdlib). Measured with bench/e2e:
#   peak RSS of the 2,000-mail run 61.6-62.8 MB static against 65.9-66.2 MB with the shared runtime (its relocated
#   pages are resident), msg/s the same within noise.
# - It is linked with the toolchain's lld and packed relative relocations (DT_RELR, glibc >= 2.36;
#   release-toolset.json): the binary's 157,000 relocations took 3.8 MB of RELA entries, read and resident at every
#   start, and take 52 KB as RELR. `mailroom --help` peaks at 25.4 MB instead of 28.2 MB. Debian's default gold
#   cannot pack them; without lld in the toolchain the build falls back to it.
# Every benchmark builds with the same flags, so .build/release is not rebuilt between them.
release_toolset="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/release-toolset.json"
release_flags=(-c release --static-swift-stdlib)
if [ -x "$(dirname "$(command -v swift)")/ld.lld" ]; then release_flags+=(--toolset "$release_toolset"); fi
# release_build PRODUCT: builds it (progress on standard error).
release_build() { swift build "${release_flags[@]}" --product "$1" >&2; }
# release_bin: the folder of the release binaries.
release_bin() { swift build "${release_flags[@]}" --show-bin-path; }
