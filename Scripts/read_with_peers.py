"""Reads a network that brobyggare wrote with networkx (and igraph, for GraphML) and prints
what each of them holds, as JSON, so that a test can compare it string for string.

Usage:
  python3 Scripts/read_with_peers.py graphml FILE.graphml
  python3 Scripts/read_with_peers.py json FILE.json [AGAIN.json]

Prints {"networkx": PEER, "igraph": PEER} (igraph for GraphML only), where PEER is
{"nodes": [[id, {attribute: value}]], "edges": [[source, target, {attribute: value}]]} in the
peer's order. Floats that are NaN or infinite print as Python's json module writes them (NaN,
Infinity, -Infinity), and every float as a float (1.0, not 1), so types show. With AGAIN.json,
the JSON is also written back there by networkx's node_link_data, as networkx itself writes it.
Run by the Swift tests (WriterEscapingTests); needs networkx and igraph.
"""
import json
import sys

import networkx as nx


def peer_networkx(G):
    return {
        "nodes": [[n, dict(d)] for n, d in G.nodes(data=True)],
        "edges": [[u, v, dict(d)] for u, v, d in G.edges(data=True)],
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = {}
    if kind == "graphml":
        out["networkx"] = peer_networkx(nx.read_graphml(path))
        import igraph

        g = igraph.Graph.Read_GraphML(path)
        names = [a for a in g.vs.attributes() if a != "id"]
        ids = g.vs["id"]
        out["igraph"] = {
            "nodes": [[ids[v.index], {a: v[a] for a in names if v[a] is not None}] for v in g.vs],
            "edges": [
                [ids[e.source], ids[e.target], {a: e[a] for a in g.es.attributes() if e[a] is not None}]
                for e in g.es
            ],
        }
    elif kind == "json":
        with open(path, encoding="utf-8") as f:
            G = nx.node_link_graph(json.load(f), edges="edges")
        out["networkx"] = peer_networkx(G)
        if len(sys.argv) > 3:
            with open(sys.argv[3], "w", encoding="utf-8") as f:
                json.dump(nx.node_link_data(G, edges="edges"), f)
    else:
        sys.exit(f"unknown kind {kind!r}; expected graphml or json")
    print(json.dumps(out))


main()
