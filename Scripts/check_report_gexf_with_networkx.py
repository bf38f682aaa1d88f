"""Reads the network.gexf a report wrote with networkx and prints what it found, as JSON:
the number of nodes and edges, and per node id its rank, betweenness (as text) and main role.

Usage: python3 Scripts/check_report_gexf_with_networkx.py DIR/network.gexf
Run by the Swift test suite (ReportPageTests) with BROBYGGARE_PYTHON, else python3, which
compares the values with the report's bridge-builders.csv; .ci/run installs networkx into
.build/venv and sets BROBYGGARE_PYTHON. Exits 2 when networkx is not installed.
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed", file=sys.stderr)
    sys.exit(2)

G = nx.read_gexf(sys.argv[1])
nodes = {}
for node, attrs in G.nodes(data=True):
    nodes[node] = {
        "rank": attrs.get("rank"),
        # As text (repr, the shortest that reads back): Foundation's JSON reader on Linux
        # may round the last digit of a number.
        "betweenness": None if attrs.get("betweenness") is None else repr(attrs["betweenness"]),
        "main_role": attrs.get("main_role"),
    }
print(
    json.dumps(
        {
            "networkx": nx.__version__,
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "values": nodes,
        },
        sort_keys=True,
    )
)
