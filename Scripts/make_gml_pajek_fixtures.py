"""Writes the GML and Pajek fixtures the Swift tests read, and how networkx and igraph read them.

Run from the package root:  python3 Scripts/make_gml_pajek_fixtures.py
Needs networkx and igraph (pip install networkx igraph); their versions are written into the
output. Writes:

  Tests/BrobyggareTests/Fixtures/gml/networkx_multidigraph.gml   networkx's write_gml
  Tests/BrobyggareTests/Fixtures/gml/igraph_named.gml            igraph's Graph.write_gml
  Tests/BrobyggareTests/Fixtures/pajek/networkx_drawing.net      networkx's write_pajek
  Tests/BrobyggareTests/Fixtures/pajek/igraph_drawing.net        igraph's Graph.write_pajek
  Tests/BrobyggareTests/Fixtures/gml/peers.json                  how the peers read each GML file
  Tests/BrobyggareTests/Fixtures/pajek/peers.json                how the peers read each Pajek file

The peers' readings cover those files and the files other tools wrote, read in place from
../shared/interop/realworld (see its PROVENANCE.tsv); a file that is not there is left out with a
line on standard error. Each reading is {"directed", "nodes": [{"id", "attributes"}],
"ties": [[source id, target id, attributes]]}, or {"error": message} when the peer refuses the
file. A node's id is, for GML, igraph's `id` attribute and networkx's node with
read_gml(label="id"); for Pajek, the vertex label (igraph's `name`, networkx's node). Numbers
that are NaN (igraph's missing value) are null; infinities are the strings "inf" and "-inf".
networkx lists its ties by node, not in file order.
"""
import json
import math
import pathlib
import sys
import warnings

import igraph
import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/BrobyggareTests/Fixtures"
REAL = ROOT.parent / "shared/interop/realworld"
warnings.simplefilter("ignore")


def clean(v):
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(v, dict):
        return {str(k): clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


def igraph_view(g, ident):
    names = g.vs.attributes()
    return {
        "directed": g.is_directed(),
        "nodes": [{"id": ident(v), "attributes": {k: clean(v[k]) for k in names}} for v in g.vs],
        "ties": [
            [ident(g.vs[e.source]), ident(g.vs[e.target]), {k: clean(e[k]) for k in g.es.attributes()}]
            for e in g.es
        ],
    }


def networkx_view(G):
    return {
        "directed": G.is_directed(),
        "nodes": [{"id": str(n), "attributes": clean(d)} for n, d in G.nodes(data=True)],
        "ties": [[str(u), str(v), clean(d)] for u, v, d in G.edges(data=True)],
    }


def attempt(read):
    try:
        return read()
    except Exception as e:  # the peer refuses the file: keep its message
        return {"error": f"{type(e).__name__}: {e}"}


def gml_id(v):
    return str(int(v["id"])) if "id" in v.attributes() else str(v.index)


def pajek_id(v):
    return v["name"] if "name" in v.attributes() else str(v.index + 1)


def write_generated():
    gml = FIXTURES / "gml"
    pajek = FIXTURES / "pajek"
    gml.mkdir(exist_ok=True)
    pajek.mkdir(exist_ok=True)

    # networkx: a multigraph with text ids, non-ASCII and entities, every value type, lists
    # (repeated keys, and _networkx_list_start for a list of one) and a nested dictionary.
    G = nx.MultiDiGraph(name="demo")
    G.add_node("Åsa Öberg", kind="person", age=34, score=0.25, elite=True, tags=["a", "b"], one=[7],
               pos={"x": 1.5, "y": -2.0})
    G.add_node('Albizzi & "Co"', kind="organisation", age=120, score=1.0, elite=False)
    G.add_node("plain")
    G.add_edge("Åsa Öberg", 'Albizzi & "Co"', weight=0.5, layer="trust")
    G.add_edge("Åsa Öberg", 'Albizzi & "Co"', weight=2.0, layer="collaboration")
    G.add_edge('Albizzi & "Co"', "plain", weight=1.0, since=2019)
    nx.write_gml(G, gml / "networkx_multidigraph.gml")

    # igraph: vertex names and labels (UTF-8, as igraph writes text), integers, edge weights.
    g = igraph.Graph(n=3, edges=[(0, 1), (1, 2), (0, 2)], directed=False)
    g.vs["name"] = ["ann", "bo", "cy"]
    g.vs["label"] = ["Ann Öst", "Bo & Co", "Cy"]
    g.vs["group"] = [1, 2, 2]
    g.es["weight"] = [0.5, 1.0, 3.0]
    g.es["kind"] = ["kin", "work", "club"]
    g.write_gml(str(gml / "igraph_named.gml"))
    # igraph's Creator line carries the date; keep the file the same from run to run.
    path = gml / "igraph_named.gml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = f'Creator "igraph version {igraph.__version__}"'
    path.write_text("\n".join(lines), encoding="utf-8")

    # networkx: labels with spaces, coordinates, shapes and drawing parameters as strings.
    G = nx.Graph()
    G.add_node("Ann Öst", x=0.1, y=0.2, shape="box", ic="Red")
    G.add_node("bo", x=0.5, y=0.75, shape="ellipse")
    G.add_node("cy", x=0.9, y=0.3, shape="ellipse")
    G.add_edge("Ann Öst", "bo", weight=0.5)
    G.add_edge("bo", "cy", weight=2.0, c="Blue")
    nx.write_pajek(G, pajek / "networkx_drawing.net")

    # igraph: a directed network with coordinates, colours and weights, written with the
    # parameter names igraph maps to Pajek's (color -> ic, edge color -> c).
    g = igraph.Graph(n=3, edges=[(0, 1), (1, 2), (2, 0), (0, 1)], directed=True)
    g.vs["name"] = ["a b", "c", "d"]
    g.vs["x"] = [0.1, 0.5, 0.9]
    g.vs["y"] = [0.2, 0.4, 0.6]
    g.vs["color"] = ["Red", "Blue", "Green"]
    g.es["weight"] = [1.0, 2.5, 0.0, 4.0]
    g.es["color"] = ["Black", "Gray", "Black", "Red"]
    g.write_pajek(str(pajek / "igraph_drawing.net"))


def main():
    write_generated()
    versions = {"networkx": nx.__version__, "igraph": igraph.__version__}

    gml_files = {
        "fixture:gml/networkx_multidigraph.gml": FIXTURES / "gml/networkx_multidigraph.gml",
        "fixture:gml/igraph_named.gml": FIXTURES / "gml/igraph_named.gml",
        "interop:realworld/gml/igraph_karate_newman.gml": REAL / "gml/igraph_karate_newman.gml",
        "interop:realworld/gml/cytoscape_yed_arrows.gml": REAL / "gml/cytoscape_yed_arrows.gml",
        "interop:realworld/gml/gephi_label.gml": REAL / "gml/gephi_label.gml",
        "interop:realworld/graphml/igraph_graphml_named_dot_gml.gml": REAL / "graphml/igraph_graphml_named_dot_gml.gml",
    }
    pajek_files = {
        "fixture:pajek/networkx_drawing.net": FIXTURES / "pajek/networkx_drawing.net",
        "fixture:pajek/igraph_drawing.net": FIXTURES / "pajek/igraph_drawing.net",
        "interop:realworld/pajek/igraph_links.net": REAL / "pajek/igraph_links.net",
        "interop:realworld/pajek/igraph_utf8_bom.net": REAL / "pajek/igraph_utf8_bom.net",
        "interop:realworld/pajek/igraph_pajek_bipartite.net": REAL / "pajek/igraph_pajek_bipartite.net",
    }

    gml = {"versions": versions, "files": {}}
    for name, path in gml_files.items():
        if not path.exists():
            print(f"note: {path} is not there; left out", file=sys.stderr)
            continue
        gml["files"][name] = {
            "igraph": attempt(lambda: igraph_view(igraph.Graph.Read_GML(str(path)), gml_id)),
            "networkx": attempt(lambda: networkx_view(nx.read_gml(path, label="id"))),
            "networkx_default": attempt(lambda: networkx_view(nx.read_gml(path))),
        }
    pajek = {"versions": versions, "files": {}}
    for name, path in pajek_files.items():
        if not path.exists():
            print(f"note: {path} is not there; left out", file=sys.stderr)
            continue
        pajek["files"][name] = {
            "igraph": attempt(lambda: igraph_view(igraph.Graph.Read_Pajek(str(path)), pajek_id)),
            "networkx": attempt(lambda: networkx_view(nx.read_pajek(path))),
        }
    for folder, data in (("gml", gml), ("pajek", pajek)):
        out = FIXTURES / folder / "peers.json"
        out.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
