"""Checks that GML and Pajek files written by brobyggare load in networkx and igraph with the
same nodes, ties, weights, direction and attribute values.

Usage: python3 Scripts/check_gml_pajek_with_peers.py gml|pajek FILE EXPECTED.json

EXPECTED.json is what brobyggare holds:
  {"directed": bool, "networkx_label": "id" or "name" (GML only: the key networkx names nodes by),
   "trust_name": the key that holds the weight (GML only; Pajek's weight is a column),
   "nodes": [{"id": text, "attributes": {name: value}}],
   "ties": [[source id, target id, weight or null, {name: value}]]}
Prints one line per peer and exits non-zero at the first difference. Run by the Swift test suite
with BROBYGGARE_PYTHON, else python3 (.ci/run sets BROBYGGARE_PYTHON to .build/venv/bin/python3).

Known differences the check allows for, each printed when it applies:
- igraph 1.0 decodes only named entities in GML strings (&amp; &quot;), so text outside ASCII,
  which the writer spells &#N; as networkx needs, reaches igraph as written; the check decodes
  those references in igraph's values before comparing.
- igraph holds every number as a float and fills a missing value with NaN or "".
- networkx's read_pajek keeps drawing parameters as text, and reads coordinates only before a
  shape; the Pajek check compares its nodes, ties, weights and direction.
"""
import json
import math
import re
import sys
import warnings
from collections import Counter

import igraph
import networkx as nx

warnings.simplefilter("ignore")
fmt, path, expected_path = sys.argv[1], sys.argv[2], sys.argv[3]
expected = json.load(open(expected_path, encoding="utf-8"))
directed = expected["directed"]
trust = expected.get("trust_name", "weight")


def fail(message):
    print(message)
    sys.exit(1)


def same(got, want, loose_numbers):
    if isinstance(want, bool):
        return got == want or (loose_numbers and got == float(want))
    if isinstance(want, (int, float)):
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return False
        if math.isnan(float(want)):
            return math.isnan(float(got))
        return (loose_numbers or type(got) is type(want)) and float(got) == float(want)
    return got == want


def tie_key(s, t, w):
    ends = (s, t) if directed else tuple(sorted((s, t)))
    return ends + (None if w is None else float(w),)


def want_ties():
    return Counter(tie_key(s, t, w) for s, t, w, _ in expected["ties"])


def check_nodes(peer, nodes, loose_numbers, decode=lambda v: v):
    if [n["id"] for n in expected["nodes"]] != list(nodes):
        fail(f"{peer}: nodes {list(nodes)!r} != {[n['id'] for n in expected['nodes']]!r}")
    for n in expected["nodes"]:
        got = nodes[n["id"]]
        for k, v in n["attributes"].items():
            if k not in got:
                fail(f"{peer}: node {n['id']!r} lost {k!r}")
            if not same(decode(got[k]), v, loose_numbers):
                fail(f"{peer}: node {n['id']!r} {k!r}: {got[k]!r} != {v!r}")


def decode_references(v):
    if isinstance(v, str):
        return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), v)
    return v


if fmt == "gml":
    G = nx.read_gml(path, label=expected["networkx_label"])
    if G.is_directed() != directed:
        fail("networkx: direction")
    check_nodes("networkx", {str(n): d for n, d in G.nodes(data=True)}, loose_numbers=False)
    got = Counter(tie_key(str(u), str(v), d.get(trust)) for u, v, d in G.edges(data=True))
    if got != want_ties():
        fail(f"networkx: ties {sorted(got.items(), key=str)} != {sorted(want_ties().items(), key=str)}")
    print(f"networkx {nx.__version__}: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, attributes intact")

    g = igraph.Graph.Read_GML(path)
    if g.is_directed() != directed:
        fail("igraph: direction")
    key = "name" if expected["networkx_label"] == "name" else None
    ident = (lambda v: decode_references(v["name"])) if key else (lambda v: str(int(v["id"])))
    nodes = {ident(v): v.attributes() for v in g.vs}
    check_nodes("igraph", nodes, loose_numbers=True, decode=decode_references)
    weighted = trust in g.es.attributes()
    got = Counter(
        tie_key(ident(g.vs[e.source]), ident(g.vs[e.target]),
                e[trust] if weighted and not math.isnan(e[trust]) else None)
        for e in g.es
    )
    if got != want_ties():
        fail(f"igraph: ties {sorted(got.items(), key=str)} != {sorted(want_ties().items(), key=str)}")
    print(f"igraph {igraph.__version__}: {g.vcount()} nodes, {g.ecount()} ties, attributes intact"
          " (&#N; references decoded before comparing)")
elif fmt == "pajek":
    G = nx.read_pajek(path)
    if G.is_directed() != directed:
        fail("networkx: direction")
    if [n["id"] for n in expected["nodes"]] != [str(n) for n in G.nodes]:
        fail(f"networkx: nodes {list(G.nodes)!r}")
    got = Counter(tie_key(str(u), str(v), d.get("weight")) for u, v, d in G.edges(data=True))
    if got != want_ties():
        fail(f"networkx: ties {sorted(got.items(), key=str)} != {sorted(want_ties().items(), key=str)}")
    print(f"networkx {nx.__version__}: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, weights intact")

    g = igraph.Graph.Read_Pajek(path)
    if g.is_directed() != directed:
        fail("igraph: direction")
    nodes = {v["name"]: v.attributes() for v in g.vs}
    check_nodes("igraph", nodes, loose_numbers=True)
    weighted = "weight" in g.es.attributes()
    got = Counter(
        tie_key(g.vs[e.source]["name"], g.vs[e.target]["name"],
                e["weight"] if weighted and not math.isnan(e["weight"]) else None)
        for e in g.es
    )
    if got != want_ties():
        fail(f"igraph: ties {sorted(got.items(), key=str)} != {sorted(want_ties().items(), key=str)}")
    print(f"igraph {igraph.__version__}: {g.vcount()} nodes, {g.ecount()} ties, weights and coordinates intact")
else:
    fail(f"unknown format {fmt!r}; expected gml or pajek")
