# Sourced by the benchmarks: the release build of a product, with the Swift runtime and Foundation linked into the
# binary (--static-swift-stdlib), as Mailroom is deployed. Measured with bench/e2e: peak RSS of the 2,000-mail run
# 61.6-62.8 MB static against 65.9-66.2 MB with the shared runtime (its relocated pages are resident), msg/s the
# same within noise. Every benchmark builds with the same flags, so .build/release is not rebuilt between them.
release_flags=(-c release --static-swift-stdlib)
# release_build PRODUCT: builds it (progress on standard error).
release_build() { swift build "${release_flags[@]}" --product "$1" >&2; }
# release_bin: the folder of the release binaries.
release_bin() { swift build "${release_flags[@]}" --show-bin-path; }
