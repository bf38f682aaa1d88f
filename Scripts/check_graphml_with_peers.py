"""Checks that GraphML written by brobyggare loads in networkx and igraph with every
attribute and its type intact.

Usage: python3 Scripts/check_graphml_with_peers.py FILE.graphml EXPECTED.json
EXPECTED.json lists, per node id, each attribute's value as brobyggare holds it. Prints one
line per peer and exits non-zero on the first difference. Run by the Swift test suite with
BROBYGGARE_PYTHON, else python3; .ci/run installs networkx and igraph into .build/venv and
sets BROBYGGARE_PYTHON=.build/venv/bin/python3.
"""
import json, sys

import igraph
import networkx as nx

path, expected_path = sys.argv[1], sys.argv[2]
expected = json.load(open(expected_path, encoding="utf-8"))


def same(a, b):
    if isinstance(b, bool) or isinstance(a, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return type(a) is type(b) and a == b
    return a == b


G = nx.read_graphml(path)
for node, attrs in expected["nodes"].items():
    got = G.nodes[node]
    for k, v in attrs.items():
        assert k in got, f"networkx: node {node!r} lost {k!r}"
        assert same(got[k], v), f"networkx: node {node!r} {k!r}: {got[k]!r} ({type(got[k]).__name__}) != {v!r}"
assert G.number_of_edges() == expected["ties"], "networkx: tie count"
print(f"networkx {nx.__version__}: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, attributes and types intact")

g = igraph.Graph.Read_GraphML(path)
# igraph 1.0.0 returns an '&' inside a node id attribute as the text '&#38;' (its data values
# are decoded correctly); undo that one quirk so the comparison is about the file.
ids = [i.replace("&#38;", "&") for i in g.vs["id"]]
for node, attrs in expected["nodes"].items():
    v = g.vs[ids.index(node)]
    for k, want in attrs.items():
        got = v[k]
        # igraph holds every number as a float and booleans as bool.
        if isinstance(want, bool):
            assert got == want, f"igraph: node {node!r} {k!r}: {got!r} != {want!r}"
        elif isinstance(want, (int, float)):
            assert float(got) == float(want), f"igraph: node {node!r} {k!r}: {got!r} != {want!r}"
        else:
            assert got == want, f"igraph: node {node!r} {k!r}: {got!r} != {want!r}"
assert g.ecount() == expected["ties"], "igraph: tie count"
print(f"igraph {igraph.__version__}: {g.vcount()} nodes, {g.ecount()} ties, attributes intact")
