#!/usr/bin/env bash
# Switches the WebAssembly engine of a source tree between Chicory 1.7.5 and Endive 1.2.0 (Chicory's
# continuation under the Bytecode Alliance: same code, packages com.dylibso.chicory -> run.endive).
# Mechanical and idempotent: re-run it after merging other branches. Used by bench/runtime/run.sh to
# build the same runtime against both engines, and to make the switch itself.
# Usage: bench/runtime/switch-engine.sh chicory|endive [TREE]   (TREE: a checkout, default this one)
# What it rewrites, in every tracked-looking *.java, module-info.java and pom.xml under TREE (target/
# and node_modules/ skipped):
#   packages and module names   com.dylibso.chicory  <->  run.endive
#   Maven groupId               com.dylibso.chicory  <->  run.endive
#   renamed classes             ChicoryException <-> WasmEngineException (wasm),
#                               ChicoryInterruptedException <-> WasmInterruptedException (runtime)
#   the version property        <chicory.version>1.7.5  <->  <endive.version>1.2.0
#   the compiler's version      Endive's `compiler` 1.2.0 is not on this machine's Maven mirror (only
#                               1.0.0 is; runtime, wasm, wasi and bom 1.2.0 are): the root POM pins
#                               `compiler` to ${endive.compiler.version} (1.0.0) over the 1.2.0 BOM.
set -euo pipefail
to="${1:?usage: switch-engine.sh chicory|endive [TREE]}"
tree="${2:-$(cd "$(dirname "$0")/../.." && pwd)}"
case "$to" in
  endive)
    e1='s/com\.dylibso\.chicory/run.endive/g; s/\bChicoryInterruptedException\b/WasmInterruptedException/g; s/\bChicoryException\b/WasmEngineException/g'
    ;;
  chicory)
    e1='s/run\.endive/com.dylibso.chicory/g; s/\bWasmInterruptedException\b/ChicoryInterruptedException/g; s/\bWasmEngineException\b/ChicoryException/g'
    ;;
  *) echo "switch-engine.sh: chicory or endive, not '$to'" >&2; exit 2 ;;
esac
mapfile -t files < <(find "$tree" \( -name target -o -name node_modules -o -name .git \) -prune -o \
  -type f \( -name '*.java' -o -name pom.xml \) -print | xargs grep -l -E 'com\.dylibso\.chicory|run\.endive|ChicoryException|ChicoryInterruptedException|WasmEngineException|WasmInterruptedException' || true)
for f in "${files[@]}"; do sed -i -E "$e1" "$f"; done
root="$tree/pom.xml"
if [[ $to == endive ]]; then
  sed -i -E 's|<chicory\.version>1\.7\.5</chicory\.version>|<endive.version>1.2.0</endive.version>\n    <endive.compiler.version>1.0.0</endive.compiler.version>|; s|\$\{chicory\.version\}|${endive.version}|g' "$root"
  if ! grep -q '<artifactId>compiler</artifactId><!-- endive.compiler -->' "$root"; then
    # the compiler's pin, right after the BOM import (a managed dependency declared directly wins over an imported one)
    perl -0pi -e 's|(<groupId>run\.endive</groupId>\s*<artifactId>bom</artifactId>.*?</dependency>)|$1\n      <dependency>\n        <groupId>run.endive</groupId>\n        <artifactId>compiler</artifactId><!-- endive.compiler -->\n        <version>\${endive.compiler.version}</version>\n      </dependency>|s' "$root"
  fi
else
  perl -0pi -e 's|\n\s*<dependency>\s*<groupId>com\.dylibso\.chicory</groupId>\s*<artifactId>compiler</artifactId><!-- endive\.compiler -->.*?</dependency>||s' "$root"
  sed -i -E '/<endive\.compiler\.version>/d; s|<endive\.version>1\.2\.0</endive\.version>|<chicory.version>1.7.5</chicory.version>|; s|\$\{endive\.version\}|${chicory.version}|g' "$root"
fi
echo "switch-engine.sh: $to in $tree (${#files[@]} files)" >&2
