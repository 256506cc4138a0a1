#!/usr/bin/env bash
# Runs the embedded smoke test (which builds both launchers on first use) in a fresh clone of this
# checkout, with a Maven local repository that lacks everything under ai/asterai: a hard-link copy
# of the machine's repository with that folder removed. A launcher that relies on something an
# earlier build installed (issue #12: the parent POM) fails here, as it would on a new machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="${HOME}/.m2/repository"
mkdir -p "$repo"
cp -al "$repo" "$work/repo"
rm -rf "$work/repo/ai/asterai"
git clone -q "$root" "$work/clone"
echo "fresh-launchers: building and smoke-testing the launchers in a clean clone, without ai/asterai in the Maven repository" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$work/repo" bash "$work/clone/.ci/smoke-embedded.sh"
if [ -d "$work/repo/ai/asterai" ]; then
  echo "fresh-launchers: the launchers installed into the local repository: $(cd "$work/repo" && find ai/asterai -name '*.pom' | head -3)" >&2
fi
