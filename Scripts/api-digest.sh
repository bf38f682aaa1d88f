#!/bin/sh
# The public API of the Brobyggare library as a sorted text file, one declaration a line,
# from the toolchain's swift-api-digester (-dump-sdk on the debug build's module), so that a
# change to the public surface shows in review.
#
#   sh Scripts/api-digest.sh           writes Scripts/api/Brobyggare.api.txt
#   sh Scripts/api-digest.sh --check   fails (exit 1) with a diff when the public API differs
#                                      from the committed list
#
# Builds the library first (debug) if needed. `package` and internal declarations are left
# out: they are not part of the API. Semantic versioning: a line removed or changed is a
# breaking change (a new major version), a line added a new minor version; see the CHANGELOG
# in Sources/Brobyggare/Brobyggare.docc/Changelog.md.
set -eu
cd "$(dirname "$0")/.."
list=Scripts/api/Brobyggare.api.txt
digester=${SWIFT_API_DIGESTER:-$(command -v swift-api-digester || echo /opt/swift/usr/bin/swift-api-digester)}
log=$(swift build --target Brobyggare 2>&1) || { echo "$log" >&2; exit 1; }
modules=$(swift build --show-bin-path)/Modules
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$digester" -dump-sdk -module Brobyggare -I "$modules" -o "$tmp/sdk.json" -abort-on-module-fail
python3 - "$tmp/sdk.json" > "$tmp/api.txt" <<'PY'
import json, sys
root = json.load(open(sys.argv[1]))["ABIRoot"]
lines = set()
def walk(node, path):
    for c in node.get("children", []):
        kind = c.get("kind")
        if kind in ("TypeNominal", "TypeFunc", "TypeNameAlias", "Import") or c.get("isInternal"):
            continue
        if c.get("declKind") is None:
            continue
        name = c["printedName"]
        full = ".".join(path + [name])
        words = [c["declKind"]]
        if c.get("static"): words.insert(0, "static")
        if c.get("funcSelfKind") == "Mutating": words.insert(0, "mutating")
        text = " ".join(words) + " " + full
        types = [t["printedName"] for t in c.get("children", []) if t.get("kind", "").startswith("Type")]
        if c["declKind"] in ("Func", "Constructor", "Subscript"):
            text += " : (" + ", ".join(types[1:]) + ") -> " + (types[0] if types else "()")
        elif c["declKind"] in ("Var", "TypeAlias", "AssociatedType") and types:
            text += ": " + types[0]
            if c["declKind"] == "Var" and any(a.get("name") == "Set" for a in c.get("accessors", [])):
                text += " { get set }"
        if c.get("throwing"): text += " throws"
        if c.get("genericSig"): text += " " + c["genericSig"]
        if c["declKind"] in ("Struct", "Enum", "Class", "Protocol", "Extension") and c.get("conformances"):
            # Conformances every type has implicitly are left out (they vary by toolchain).
            implicit = {"Copyable", "Escapable", "SendableMetatype", "BitwiseCopyable"}
            names = sorted(x["printedName"] for x in c["conformances"] if x["printedName"] not in implicit)
            if names: text += " : " + ", ".join(names)
        lines.add(text)
        if c["declKind"] in ("Struct", "Enum", "Class", "Protocol", "Extension"):
            walk(c, path + [c["name"]])
walk(root, [])
print("\n".join(sorted(lines)))
PY
if [ "${1:-}" = "--check" ]; then
  if ! diff -u "$list" "$tmp/api.txt"; then
    echo "api-digest: the public API differs from $list (the diff above, - committed, + now);" >&2
    echo "  if the change is meant, run 'sh Scripts/api-digest.sh', commit the list, and add it to the CHANGELOG" >&2
    exit 1
  fi
  echo "api-digest: the public API matches $list ($(wc -l < "$list") declarations)"
else
  mkdir -p "$(dirname "$list")"
  cp "$tmp/api.txt" "$list"
  echo "api-digest: wrote $list ($(wc -l < "$list") declarations)"
fi
