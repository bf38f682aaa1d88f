"""Prints networkx's reading of a GEXF file as JSON, for the Swift tests to compare with
Brobyggare's own reading (Tests/BrobyggareTests/GEXFTests.swift runs it with BROBYGGARE_PYTHON,
else python3).

Usage: python3 Scripts/gexf_reference.py FILE.gexf

networkx knows GEXF 1.3 only under the namespace http://gexf.net/1.3, and Gephi writes
http://www.gexf.net/1.3 (its viz namespace likewise), so networkx finds no <graph> in what
Gephi writes. Such a file is read with the namespaces renamed, in memory, and the output says
so ("renamed_namespace": true); nothing else in the file is touched.

Output, one JSON object:
  networkx            networkx's version
  renamed_namespace   whether Gephi's 1.3 namespace was renamed for networkx
  directed            whether networkx made a directed graph
  graph               the graph's data (name, mode, ...)
  node_default        the declared defaults of node attributes, which networkx keeps aside
  edge_default        the same for edges
  nodes               [id, {name: value}] in networkx's order
  edges               [source, target, {name: value}]
Every value is a pair [type, text]: type str, int, float or bool, text as Python writes it (repr
for floats, so that it reads back to the same double); lists and tuples (spells, dynamic values)
are ["list", their JSON]. A node's viz data is flattened into Brobyggare's names: viz_r, viz_g,
viz_b, viz_a, viz_size, viz_thickness, viz_shape, viz_x, viz_y, viz_z. Values that are None (the
label networkx gives a node without one) are left out.
"""
import io
import json
import sys

import networkx as nx

GEPHI_13 = "http://www.gexf.net/1.3"
NX_13 = "http://gexf.net/1.3"


def typed(v):
    if isinstance(v, bool):
        return ["bool", "true" if v else "false"]
    if isinstance(v, int):
        return ["int", str(v)]
    if isinstance(v, float):
        return ["float", repr(v)]
    if isinstance(v, str):
        return ["str", v]
    if isinstance(v, (list, tuple)):
        return ["list", json.dumps(v, ensure_ascii=False)]
    return ["str", str(v)]


def flat(data):
    out = {}
    for k, v in data.items():
        if v is None:
            continue
        if k == "viz":
            for part, value in v.items():
                if isinstance(value, dict):
                    for axis, x in value.items():
                        out["viz_" + axis] = typed(x)
                else:
                    out["viz_" + part] = typed(value)
            continue
        out[k] = typed(v)
    return out


def main(path):
    raw = open(path, "rb").read()
    renamed = False
    if GEPHI_13.encode() in raw:
        raw = raw.replace(GEPHI_13.encode(), NX_13.encode())
        renamed = True
    G = nx.read_gexf(io.BytesIO(raw))
    if G.is_multigraph():
        edges = G.edges(keys=True, data=True)
        edge_list = [[u, v, flat(d)] for u, v, _, d in edges]
    else:
        edge_list = [[u, v, flat(d)] for u, v, d in G.edges(data=True)]
    graph = {k: typed(v) for k, v in G.graph.items() if k not in ("node_default", "edge_default")}
    out = {
        "networkx": nx.__version__,
        "renamed_namespace": renamed,
        "directed": G.is_directed(),
        "graph": graph,
        "node_default": {k: typed(v) for k, v in G.graph.get("node_default", {}).items()},
        "edge_default": {k: typed(v) for k, v in G.graph.get("edge_default", {}).items()},
        "nodes": [[n, flat(d)] for n, d in G.nodes(data=True)],
        "edges": edge_list,
    }
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1])
