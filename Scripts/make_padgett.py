"""Builds Datasets/padgett/ from ../shared/datasets/padgett (the networkdata R package's
flo_marriage and flo_business, via PROVENANCE.txt there).

Writes padgett.csv (ties: source, target, type, layer; type is Undirected on every row, so
the ties read back undirected, as Gephi and brobyggare read that column) and padgett.nodes.csv
(16 families with wealth and priorates). padgett.graphml is then written by `brobyggare
convert`, see README.
"""
import csv, pathlib, sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/padgett/csv")
out = pathlib.Path(__file__).resolve().parent.parent / "Datasets" / "padgett"
families = list(csv.DictReader(open(src / "families.csv", encoding="utf-8")))
with open(out / "padgett.nodes.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "label", "wealth", "priorates", "total_ties"])
    for r in families:
        w.writerow([r["family"], r["family"], r["wealth_1427_k_lira"], r["priorates_1282_1344"], r["total_ties_116_families"]])
with open(out / "padgett.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["source", "target", "type", "layer"])
    for layer in ("marriage", "business"):
        for r in csv.DictReader(open(src / f"{layer}_edges.csv", encoding="utf-8")):
            w.writerow([r["source"], r["target"], "Undirected", layer])
