# Sourced by the .ci/ensure-*.sh scripts: installs Debian packages quietly when this is root, and never
# fails the caller. Usage: apt_install WHAT CHECK PACKAGE...  (CHECK: a shell command that succeeds
# once the packages are in place; WHAT names them in messages, and says what skips without them).
apt_install() {
  local what=$1 check=$2
  shift 2
  eval "$check" && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$what: missing and this is not root; $SKIPS" >&2
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "$what: installing $*..." >&2
  if ! apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq "$@" >/dev/null 2>&1 || true
  fi
  if eval "$check"; then
    echo "$what: installed" >&2
  else
    echo "$what: could not install $*; $SKIPS" >&2
  fi
  return 0
}
