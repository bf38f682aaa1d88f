"""Writes the GEXF files networkx makes, for the tests of Brobyggare's GEXF reader.

Usage: python3 Scripts/make_gexf_fixtures.py
Writes Tests/BrobyggareTests/Fixtures/gexf/networkx_*.gexf. The files are committed; run the
script again (with the networkx named in each file's <creator>) to regenerate them. The dates
in <meta lastmodifieddate> are fixed so that a regeneration changes nothing else.

- networkx_multidigraph_1.2draft.gexf: a directed multigraph in networkx's default version,
  with typed node and edge attributes, weights, labels, parallel edges, a self-loop, text that
  needs escaping, and viz data.
- networkx_undirected_1.3.gexf: an undirected graph in GEXF 1.3 (networkx's spelling of the
  1.3 namespace), with a node that has no attributes.
- networkx_dynamic_1.2draft.gexf: a dynamic graph: node and edge start/end times, spells, and
  a dynamic attribute with values over time.
"""
import pathlib
import re

import networkx as nx

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/BrobyggareTests/Fixtures/gexf"
OUT.mkdir(parents=True, exist_ok=True)


def write(G, name, version):
    path = OUT / name
    nx.write_gexf(G, path, version=version)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="2025-01-01"', text)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent.parent)} (networkx {nx.__version__})")


G = nx.MultiDiGraph()
G.add_node("kommun", label="Kommunen", kind="organisation", staff=420, budget=1.5e9, public=True,
           viz={"color": {"r": 10, "g": 20, "b": 30, "a": 0.5}, "size": 12.5,
                "position": {"x": 1.25, "y": -3.0, "z": 0.0}})
G.add_node("åsa", label='Åsa "A" <&>', kind="person", staff=0, budget=0.25, public=False)
G.add_node("bo", label="Bo\tTab\nNewline", kind="person")
G.add_edge("kommun", "åsa", weight=0.75, label="förtroende", layer="trust", since=2019)
G.add_edge("kommun", "åsa", weight=2.0, layer="collaboration", since=2021)
G.add_edge("åsa", "bo", weight=1.0, layer="trust", since=2020)
G.add_edge("bo", "bo", weight=0.5, layer="trust", since=2022)
write(G, "networkx_multidigraph_1.2draft.gexf", "1.2draft")

U = nx.Graph()
U.add_node(1, label="one", score=3)
U.add_node(2, label="two", score=-7)
U.add_node(3)
U.add_edge(1, 2, weight=3.5)
U.add_edge(2, 3)
write(U, "networkx_undirected_1.3.gexf", "1.3")

D = nx.DiGraph()
D.add_node("a", label="A", start=2000, end=2010, spells=[(2000, 2004), (2006, 2010)],
           role=[("member", 2000, 2005), ("chair", 2005, 2010)])
D.add_node("b", label="B", start=2001)
D.add_edge("a", "b", weight=1.0, start=2002, end=2008)
write(D, "networkx_dynamic_1.2draft.gexf", "1.2draft")
