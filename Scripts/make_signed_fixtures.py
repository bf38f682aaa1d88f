"""Writes the signed-network fixtures the Swift tests read (SignedTiesTests), and networkx's
and igraph's readings of the ties of each sign.

Run from the package root:  python3 Scripts/make_signed_fixtures.py
Needs networkx and igraph (pip install networkx igraph); their versions go into the output.

The network is constructed: Zachary's karate club as networkx ships it (karate_club_graph, with
its 'weight', the number of contexts two members shared, and each member's 'club'), with every
tie between the two clubs made negative (weight -w), as a signed network of friendship and
rivalry would hold it. It is written by the peers in the formats that keep a signed weight:

  Tests/BrobyggareTests/Fixtures/signed/karate_signed.graphml   networkx write_graphml
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.gexf      networkx write_gexf
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.gml       igraph Graph.write_gml
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.json      networkx node_link_data
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.net       igraph Graph.write_pajek
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.csv       Python's csv module (source,target,weight)
  Tests/BrobyggareTests/Fixtures/signed/karate_signed.dl        a UCINET full matrix (written here)
  Tests/BrobyggareTests/Fixtures/signed/reference.json          what each sign holds

reference.json: for each sign, the ties (node ids and the trust read: the weight, or its size
for the negative ties) and networkx's betweenness (unweighted, normalized=False, undirected)
on the graph of those ties with every node kept; the same from igraph's betweenness, to show
the two agree.
"""

import csv
import json
import os

import igraph
import networkx as nx

OUT = os.path.join("Tests", "BrobyggareTests", "Fixtures", "signed")


def signed_karate():
    k = nx.karate_club_graph()
    g = nx.Graph()
    for v in k.nodes:
        g.add_node(f"m{v}", club=k.nodes[v]["club"])
    for u, v, d in k.edges(data=True):
        same = k.nodes[u]["club"] == k.nodes[v]["club"]
        g.add_edge(f"m{u}", f"m{v}", weight=float(d["weight"] if same else -d["weight"]))
    return g


def write_all(g):
    os.makedirs(OUT, exist_ok=True)
    nx.write_graphml(g, os.path.join(OUT, "karate_signed.graphml"))
    nx.write_gexf(g, os.path.join(OUT, "karate_signed.gexf"))
    with open(os.path.join(OUT, "karate_signed.json"), "w") as f:
        json.dump(nx.node_link_data(g, edges="links"), f, indent=1)
    ig = igraph.Graph.from_networkx(g, vertex_attr_hashable="name")
    ig.write_gml(os.path.join(OUT, "karate_signed.gml"))
    # Pajek by igraph: vertex labels from 'name' (the ids), the weight as the third number.
    del ig.vs["club"]
    ig.write_pajek(os.path.join(OUT, "karate_signed.net"))
    with open(os.path.join(OUT, "karate_signed.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "weight"])
        for u, v, d in g.edges(data=True):
            w.writerow([u, v, d["weight"]])
    nodes = list(g.nodes)
    with open(os.path.join(OUT, "karate_signed.dl"), "w") as f:
        f.write(f"dl n={len(nodes)} format=fullmatrix\nlabels:\n{','.join(nodes)}\ndata:\n")
        for u in nodes:
            row = []
            for v in nodes:
                x = g.edges[u, v]["weight"] if g.has_edge(u, v) else 0
                row.append(str(int(x)))
            f.write(" ".join(row) + "\n")


def reading(g, sign):
    h = nx.Graph()
    h.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        w = d["weight"]
        if sign == "positive" and w >= 0:
            h.add_edge(u, v, trust=w)
        if sign == "negative" and w < 0:
            h.add_edge(u, v, trust=-w)
    bn = nx.betweenness_centrality(h, normalized=False)
    ih = igraph.Graph.from_networkx(h, vertex_attr_hashable="name")
    bi = dict(zip(ih.vs["name"], ih.betweenness(directed=False)))
    return {
        "ties": sorted([sorted([u, v]) + [d["trust"]] for u, v, d in h.edges(data=True)]),
        "betweenness_networkx": {v: bn[v] for v in sorted(h.nodes)},
        "betweenness_igraph": {v: bi[v] for v in sorted(h.nodes)},
    }


def main():
    g = signed_karate()
    write_all(g)
    ref = {
        "tools": {"networkx": nx.__version__, "igraph": igraph.__version__},
        "network": "Zachary's karate club (networkx karate_club_graph), ties between the clubs negative",
        "positive": reading(g, "positive"),
        "negative": reading(g, "negative"),
    }
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
