"""Writes the JSON files networkx makes for graphs with integer nodes, for the tests of
Brobyggare's JSON reader and writers (Network.nodeIDType).

Run from the package root:

    python3 -m venv /tmp/venv-nx && /tmp/venv-nx/bin/pip install networkx==3.6.1
    /tmp/venv-nx/bin/python Scripts/make_json_fixtures.py

Writes Tests/BrobyggareTests/Fixtures/json/ (the files are committed; the script stops if the
networkx version differs, so that a regeneration changes nothing):

- networkx_integer_ids.json: json.dumps(node_link_data(G, edges="edges")) of a graph whose
  nodes are all integers, out of order and one negative (so that an id is not its position),
  with a node attribute, weights and an isolated node.
- networkx_mixed_ids.json: the same with links="links" and one more node "x" tied to 3: ids
  that mix JSON integers and text.
- networkx_integer_ids_cytoscape.json: json.dumps(cytoscape_data(G)) of the first graph, which
  writes each node's id as text and the node itself as `value` (0) and the edges' ends as
  integers.

and Tests/BrobyggareTests/Fixtures/trust/ (Network.trustType): a directed graph of trust on a
scale of 1 to 5 whose weights are Python integers, as networkx writes it in three formats:

- networkx_integer_weights.json: node_link_data (`"weight": 4`);
- networkx_integer_weights.gml: write_gml (`weight 4`);
- networkx_integer_weights.graphml: write_graphml (a key of attr.type "long").
"""
import json
import pathlib
import sys

import networkx as nx

NETWORKX = "3.6.1"
if nx.__version__ != NETWORKX:
    sys.exit(f"networkx {nx.__version__} is installed; the fixtures are written with {NETWORKX}")

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/BrobyggareTests/Fixtures/json"
OUT.mkdir(parents=True, exist_ok=True)


def write(data, name):
    path = OUT / name
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent.parent)} (networkx {nx.__version__})")


G = nx.Graph(name="integer nodes")
for n, age in [(10, 34), (3, 51), (0, 28), (-2, 45), (7, None)]:
    if age is None:
        G.add_node(n)
    else:
        G.add_node(n, age=age)
G.add_edge(10, 3, weight=0.5)
G.add_edge(3, 0, weight=1.0)
G.add_edge(0, -2, weight=0.25)
G.add_edge(-2, 10, weight=2.0)
write(nx.node_link_data(G, edges="edges"), "networkx_integer_ids.json")
write(nx.cytoscape_data(G), "networkx_integer_ids_cytoscape.json")

M = G.copy()
M.add_edge(3, "x", weight=1.5)
write(nx.node_link_data(M, edges="links"), "networkx_mixed_ids.json")

TRUST = OUT.parent / "trust"
TRUST.mkdir(parents=True, exist_ok=True)
T = nx.DiGraph()
for u, v, w in [("kommun", "polis", 4), ("polis", "kommun", 3), ("kommun", "forening", 5),
                ("forening", "bostad", 1), ("bostad", "polis", 2)]:
    T.add_edge(u, v, weight=w)
for name, text in [
    ("networkx_integer_weights.json", json.dumps(nx.node_link_data(T, edges="edges"), indent=1) + "\n"),
    ("networkx_integer_weights.gml", "\n".join(nx.generate_gml(T)) + "\n"),
    ("networkx_integer_weights.graphml", "\n".join(nx.generate_graphml(T)) + "\n"),
]:
    path = TRUST / name
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent.parent)} (networkx {nx.__version__})")
