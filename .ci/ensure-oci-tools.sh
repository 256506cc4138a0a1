#!/usr/bin/env bash
# Makes sure the real OCI tools the interop tests drive are installed: Debian's skopeo (an OCI client)
# and docker-registry (the reference distribution server, run as a process on loopback). Idempotent;
# never fails the build: when they cannot be installed (not root, no package source), it says so and
# the interop tests that need them skip with that reason. CI (.ci/run) calls it before the build.
set -uo pipefail
source "$(dirname "$0")/apt-install.sh"
SKIPS="the OCI interop tests that need them will skip"
apt_install "ensure-oci-tools: skopeo/docker-registry" 'command -v skopeo >/dev/null && [ -x /usr/bin/docker-registry ]' skopeo docker-registry
exit 0
