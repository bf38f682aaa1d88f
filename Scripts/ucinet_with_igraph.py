"""Prints what igraph reads from UCINET DL files, as JSON: for each file, whether it is
directed, the node names in order, and the edges as [source name, target name, weight or
null]. The UCINET tests compare Brobyggare's reading with this.

    python3 Scripts/ucinet_with_igraph.py FILE.dl [FILE.dl ...]
"""
import json
import sys

import igraph

out = {"igraph": igraph.__version__, "files": {}}
for path in sys.argv[1:]:
    g = igraph.Graph.Read_DL(path)
    names = g.vs["name"] if "name" in g.vs.attributes() else [str(v.index + 1) for v in g.vs]
    weights = g.es["weight"] if "weight" in g.es.attributes() else [None] * g.ecount()
    out["files"][path] = {
        "directed": g.is_directed(),
        "nodes": names,
        "edges": [[names[e.source], names[e.target], w] for e, w in zip(g.es, weights)],
    }
print(json.dumps(out))
