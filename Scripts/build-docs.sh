#!/bin/sh
# Builds the Brobyggare library's documentation into a static site with the toolchain's own
# `docc` (no package dependency): the symbol graph of the library, then `docc convert` of
# Sources/Brobyggare/Brobyggare.docc, treating every warning as an error.
#
#   Scripts/build-docs.sh [OUTPUT]      (default .build/docs)
#
# Serve OUTPUT with any static web server and open /documentation/brobyggare. To host it under
# a sub-path, set DOCC_HOSTING_BASE_PATH (e.g. brobyggare). Then checks that every public
# symbol of the library has a doc comment (compiler-synthesised members left out): it lists
# those that have none and fails.
set -eu
cd "$(dirname "$0")/.."
output=${1:-.build/docs}
docc=${DOCC:-$(command -v docc || echo /opt/swift/usr/bin/docc)}
graphs=.build/docs-symbol-graphs

# The symbol graphs of every target, from the ordinary debug build (built first if needed).
log=$(swift package dump-symbol-graph --minimum-access-level public 2>&1) || { echo "$log" >&2; exit 1; }
dir=$(echo "$log" | sed -n 's/^Files written to //p' | tail -1)
if [ -z "$dir" ] || [ ! -f "$dir/Brobyggare.symbols.json" ]; then
  echo "$log" >&2
  echo "build-docs: no symbol graph for Brobyggare was written" >&2
  exit 1
fi
rm -rf "$graphs"
mkdir -p "$graphs"
cp "$dir"/Brobyggare.symbols.json "$graphs"/
# Extensions of other modules' types, if the library ever has any.
for f in "$dir"/Brobyggare@*.symbols.json; do [ -f "$f" ] && cp "$f" "$graphs"/; done

# Converted beside OUTPUT and moved into place only when docc succeeded, so that a failed
# build leaves the previous site (or none), never half of one.
staging="$output.partial"
rm -rf "$staging"
trap 'rm -rf "$staging"' EXIT
set -- "$docc" convert Sources/Brobyggare/Brobyggare.docc \
  --additional-symbol-graph-dir "$graphs" \
  --output-path "$staging" \
  --fallback-display-name Brobyggare \
  --fallback-bundle-identifier org.brobyggare.Brobyggare \
  --transform-for-static-hosting \
  --warnings-as-errors
if [ -n "${DOCC_HOSTING_BASE_PATH:-}" ]; then set -- "$@" --hosting-base-path "$DOCC_HOSTING_BASE_PATH"; fi
"$@"
rm -rf "$output"
mv "$staging" "$output"

# Public symbols without a doc comment of their own (members the compiler synthesises, such
# as an enum's hashValue, are not counted).
python3 - "$graphs/Brobyggare.symbols.json" <<'PY'
import json, os, sys
symbols = json.load(open(sys.argv[1]))["symbols"]
missing = sorted(
    "/".join(s["pathComponents"]) for s in symbols
    if s.get("accessLevel") in ("public", "open") and "docComment" not in s
    and "::SYNTHESIZED::" not in s["identifier"]["precise"])
print(f"public symbols without a doc comment: {len(missing)} of {len(symbols)}")
if missing:
    # Every public symbol is documented: one without a doc comment fails the build.
    print("\n".join("  " + m for m in missing))
    sys.exit(1)
PY
echo "documentation written to $output"
