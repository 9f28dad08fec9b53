# shellcheck shell=bash
# ensure_packages PKG... : installs the Debian packages that are missing (apt-get), and nothing else.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "[packages] installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The system libraries the Swift build links against.
ensure_build_packages() {
    ensure_packages libcurl4-openssl-dev libsqlite3-dev pkg-config
}
