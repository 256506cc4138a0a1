#!/usr/bin/env bash
# Makes sure Debian's skopeo and docker-registry (the reference OCI distribution server, run as a
# process on loopback by the OCI interop tests) are installed. Idempotent; never fails the build:
# when they cannot be installed (not root, no package source), it says so and those tests skip.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"
SKIPS="the OCI interop tests against docker-registry will skip"
apt_install "ensure-oci-tools: skopeo/docker-registry" 'command -v skopeo >/dev/null && command -v docker-registry >/dev/null' skopeo docker-registry
exit 0
