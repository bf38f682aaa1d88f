"""Builds the constructed (not real) Network Canvas study in Datasets/egos-constructed/.

Run from the package root:  python3 Scripts/make_network_canvas_study.py
Deterministic: a fixed seed and Python's own random module; no other dependency.

Nobody was interviewed. The script makes a study of personal networks about who people in a
district turn to (municipality, civil society, police, housing, residents) and writes it the way
Network Canvas's exporter (@codaco/network-exporters, network-canvas-monorepo) writes an
export, so that the readers can be tested on every trait of that export:

- the CSV bundle, one set of files per session, all in one folder as the export's zip holds them:
  `<caseID>_<sessionUUID>_ego.csv`, `..._attributeList_Person.csv`, `..._edgeList_knows.csv`
  and an empty `..._edgeList_conflict.csv` (an edge type nobody used; the exporter still
  writes its header); CRLF line ends; `nodeID` and `edgeID` numbered across the export;
- the categorical variable `sector` as one true/false column per option (`sector_police`, ...),
  one alter with two options chosen, some with none;
- the ordinal `closeness` (1-4, how close ego is to the alter: an ego-alter tie attribute on
  the alter's row), the encrypted `notes` (exported as `ENCRYPTED`), the layout `layout_x/_y`;
- names that begin with `=`, `+`, `-` or `@`, which the CSV export guards with a leading `'`;
- GraphML as Network Canvas writes it: the `nc` namespace, `nc:` attributes on `<graph>`, the
  ego as graph data, variable keys with codebook UUIDs as ids, one boolean key per categorical
  option (id `<variableUUID>_<sha1 of the option>`); once as one file with a `<graph>` per
  session (as Interviewer Classic could merge them) and once as one file per session;
- a second, roster-based protocol: 15 people on a roster, each interviewed, naming others from
  the roster (the `rosterID` variable says who), so that the sessions make one network;
- the same personal-network study in egor's three tables (egos.csv, alters.csv, aaties.csv).

counts.json holds the numbers the tests check, computed here from what was written.
"""
import csv
import hashlib
import io
import json
import pathlib
import random
import shutil
import uuid

SEED = 20261129
OUT = pathlib.Path(__file__).resolve().parent.parent / "Datasets" / "egos-constructed"
rng = random.Random(SEED)

SECTORS = ["municipality", "civil_society", "police", "housing", "resident"]
AREAS = ["Norrgården", "Söderby", "Västra hamnen"]
FIRST = ["Anna", "Erik", "Leila", "Omar", "Sara", "Johan", "Fatima", "Lars", "Maria", "Ahmed",
         "Karin", "Nils", "Amira", "Per", "Elin", "Yusuf", "Ingrid", "Hassan", "Lena", "Mikael",
         "Sofia", "Ali", "Eva", "Jonas", "Nadia", "Olof", "Rania", "Stig", "Tove", "Zainab"]
LAST = ["Karlsson", "Haddad", "Lind", "Berg", "Nilsson", "Ali", "Ek", "Holm", "Said", "Strand"]
# Names a participant typed that start with a character a spreadsheet reads as a formula.
GUARDED = ["=Kim", "-Lotta-", "+Bo", "@Sam"]
PROTOCOL = "Bridges in the district (constructed)"
ROSTER_PROTOCOL = "District roster (constructed)"
EXPORTED = "2026-11-29T20:00:00.000Z"
APP_VERSION = "6.5.2"
COMMIT_HASH = "0000000constructed"


def new_uuid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


# Codebook UUIDs of the variables: GraphML's key ids.
VAR = {name: new_uuid() for name in [
    "ego_sector", "ego_area", "ego_rosterID", "name", "sector", "closeness", "notes", "layout", "rosterID"]}


def cell(value):
    """A CSV cell as the exporter writes it: the formula guard, then quotes when needed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value)
    if s and s[0] in "=+-@\t\r":
        s = "'" + s
    if any(c in s for c in '",\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(cell(h) for h in header) + "\r\n")
        for r in rows:
            f.write(",".join(cell(v) for v in r) + "\r\n")


def xml_escape(s):
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def sha1(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# The personal-network study
# ---------------------------------------------------------------------------------------------

def make_personal_study():
    sessions = []
    used_names = set()
    guarded = list(GUARDED)
    for e in range(30):
        case_id = f"E{e + 1:02d}"
        ego_sector = SECTORS[e % 5]
        ego = {"uuid": new_uuid(), "session": new_uuid(), "case": case_id,
               "sector": ego_sector, "area": rng.choice(AREAS)}
        n = rng.randint(5, 12)
        alters = []
        for a in range(n):
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if (case_id, name) not in used_names:
                    used_names.add((case_id, name))
                    break
            if guarded and e in (3, 9, 17, 25) and a == 0:
                name = guarded.pop(0)
            # Alters are likelier in ego's own sector.
            sector = ego_sector if rng.random() < 0.5 else rng.choice(SECTORS)
            chosen = [sector]
            if rng.random() < 0.08:
                chosen = []  # the question left unanswered
            alters.append({"uuid": new_uuid(), "name": name, "sector": chosen,
                           "closeness": rng.randint(1, 4),
                           "layout": (round(rng.random(), 4), round(rng.random(), 4))})
        sessions.append({"ego": ego, "alters": alters})
    # One alter with two options chosen (a multiple-choice categorical).
    sessions[5]["alters"][1]["sector"] = ["civil_society", "resident"]
    for s in sessions:
        alters = s["alters"]
        ties = []
        for i in range(len(alters)):
            for j in range(i + 1, len(alters)):
                same = alters[i]["sector"] == alters[j]["sector"]
                if rng.random() < (0.45 if same else 0.15):
                    ties.append((i, j, new_uuid()))
        s["ties"] = ties
    return sessions


def personal_csv(sessions, folder):
    folder.mkdir(parents=True)
    node_id = 1
    edge_id = 1
    for s in sessions:
        ego = s["ego"]
        prefix = f"{ego['case']}_{ego['session']}"
        write_csv(folder / f"{prefix}_ego.csv",
                  ["networkCanvasEgoUUID", "networkCanvasCaseID", "networkCanvasSessionID",
                   "networkCanvasProtocolName", "sessionStart", "sessionFinish", "sessionExported",
                   "APP_VERSION", "COMMIT_HASH", "sector", "area"],
                  [[ego["uuid"], ego["case"], ego["session"], PROTOCOL, "2026-10-01T09:00:00.000Z",
                    "2026-10-01T09:40:00.000Z", EXPORTED, APP_VERSION, COMMIT_HASH,
                    ego["sector"], ego["area"]]])
        ids = {}
        rows = []
        for i, a in enumerate(s["alters"]):
            ids[i] = node_id
            rows.append([node_id, ego["uuid"], a["uuid"], a["name"]]
                        + [o in a["sector"] for o in SECTORS]
                        + [a["closeness"], "ENCRYPTED", a["layout"][0], a["layout"][1]])
            node_id += 1
        write_csv(folder / f"{prefix}_attributeList_Person.csv",
                  ["nodeID", "networkCanvasEgoUUID", "networkCanvasUUID", "name"]
                  + [f"sector_{o}" for o in SECTORS] + ["closeness", "notes", "layout_x", "layout_y"],
                  rows)
        rows = []
        for i, j, u in s["ties"]:
            rows.append([edge_id, ids[i], ids[j], ego["uuid"], u,
                         s["alters"][i]["uuid"], s["alters"][j]["uuid"]])
            edge_id += 1
        header = ["edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID",
                  "networkCanvasSourceUUID", "networkCanvasTargetUUID"]
        write_csv(folder / f"{prefix}_edgeList_knows.csv", header, rows)
        write_csv(folder / f"{prefix}_edgeList_conflict.csv", header, [])


def graphml_keys():
    keys = ['  <key id="label" attr.name="label" attr.type="string" for="all"/>',
            f'  <key id="{VAR["ego_sector"]}" attr.name="sector" attr.type="string" for="graph"/>',
            f'  <key id="{VAR["ego_area"]}" attr.name="area" attr.type="string" for="graph"/>',
            '  <key id="networkCanvasType" attr.name="networkCanvasType" attr.type="string" for="all"/>',
            '  <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>',
            f'  <key id="{VAR["name"]}" attr.name="name" attr.type="string" for="node"/>']
    for o in SECTORS:
        keys.append(f'  <key id="{VAR["sector"]}_{sha1(o)}" attr.name="sector_{o}" attr.type="boolean" for="node"/>')
    keys += [f'  <key id="{VAR["closeness"]}" attr.name="closeness" attr.type="int" for="node"/>',
             f'  <key id="{VAR["notes"]}" attr.name="notes" attr.type="string" for="node"/>',
             f'  <key id="{VAR["layout"]}_X" attr.name="layout_X" attr.type="double" for="node"/>',
             f'  <key id="{VAR["layout"]}_Y" attr.name="layout_Y" attr.type="double" for="node"/>',
             '  <key id="networkCanvasTargetUUID" attr.name="networkCanvasTargetUUID" attr.type="string" for="edge"/>',
             '  <key id="networkCanvasSourceUUID" attr.name="networkCanvasSourceUUID" attr.type="string" for="edge"/>']
    return keys


def graphml_graph(s, node_id, edge_id, protocol=PROTOCOL):
    ego = s["ego"]
    out = [f'  <graph edgedefault="undirected" nc:caseId="{xml_escape(ego["case"])}" '
           f'nc:sessionUUID="{ego["session"]}" nc:protocolName="{xml_escape(protocol)}" '
           f'nc:protocolUID="{VAR["ego_sector"][:8]}-protocol" nc:codebookHash="{sha1(protocol)}" '
           f'nc:sessionExportTime="{EXPORTED}" nc:sessionStartTime="2026-10-01T09:00:00.000Z" '
           f'nc:sessionFinishTime="2026-10-01T09:40:00.000Z">',
           f'    <data key="networkCanvasUUID">{ego["uuid"]}</data>',
           f'    <data key="{VAR["ego_sector"]}">{xml_escape(ego["sector"])}</data>',
           f'    <data key="{VAR["ego_area"]}">{xml_escape(ego["area"])}</data>']
    ids = {}
    for i, a in enumerate(s["alters"]):
        ids[i] = node_id
        out.append(f'    <node id="{node_id}">')
        out.append(f'      <data key="networkCanvasUUID">{a["uuid"]}</data>')
        out.append('      <data key="networkCanvasType">Person</data>')
        out.append(f'      <data key="label">{xml_escape(a["name"])}</data>')
        out.append(f'      <data key="{VAR["name"]}">{xml_escape(a["name"])}</data>')
        # An unanswered categorical has no value for any option in GraphML (false in every
        # option column in CSV).
        for o in SECTORS if a["sector"] else []:
            out.append(f'      <data key="{VAR["sector"]}_{sha1(o)}">{"true" if o in a["sector"] else "false"}</data>')
        out.append(f'      <data key="{VAR["closeness"]}">{a["closeness"]}</data>')
        out.append(f'      <data key="{VAR["notes"]}">ENCRYPTED</data>')
        out.append(f'      <data key="{VAR["layout"]}_X">{a["layout"][0]}</data>')
        out.append(f'      <data key="{VAR["layout"]}_Y">{a["layout"][1]}</data>')
        out.append('    </node>')
        node_id += 1
    for i, j, u in s["ties"]:
        out.append(f'    <edge id="{edge_id}" source="{ids[i]}" target="{ids[j]}">')
        out.append(f'      <data key="networkCanvasUUID">{u}</data>')
        out.append('      <data key="networkCanvasType">knows</data>')
        out.append(f'      <data key="networkCanvasSourceUUID">{s["alters"][i]["uuid"]}</data>')
        out.append(f'      <data key="networkCanvasTargetUUID">{s["alters"][j]["uuid"]}</data>')
        out.append('    </edge>')
        edge_id += 1
    out.append('  </graph>')
    return out, node_id, edge_id


GRAPHML_HEAD = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd" '
                'xmlns:nc="http://schema.networkcanvas.com/xmlns">']


def personal_graphml(sessions, whole, folder):
    lines = GRAPHML_HEAD + graphml_keys()
    node_id = edge_id = 1
    for s in sessions:
        g, node_id, edge_id = graphml_graph(s, node_id, edge_id)
        lines += g
    whole.write_text("\n".join(lines + ["</graphml>"]) + "\n", encoding="utf-8")
    folder.mkdir(parents=True)
    # Exported one session at a time, the numbering starts again in every file.
    for s in sessions:
        g, _, _ = graphml_graph(s, 1, 1)
        ego = s["ego"]
        (folder / f"{ego['case']}_{ego['session']}.graphml").write_text(
            "\n".join(GRAPHML_HEAD + graphml_keys() + g + ["</graphml>"]) + "\n", encoding="utf-8")


def egor_tables(sessions, folder):
    folder.mkdir(parents=True)
    write_plain(folder / "egos.csv", [".egoID", "sector", "area"],
                [[s["ego"]["case"], s["ego"]["sector"], s["ego"]["area"]] for s in sessions])
    rows, ties = [], []
    for s in sessions:
        for i, a in enumerate(s["alters"]):
            rows.append([i + 1, s["ego"]["case"], a["name"], "|".join(a["sector"]), a["closeness"]])
        for i, j, _ in s["ties"]:
            ties.append([s["ego"]["case"], i + 1, j + 1])
    write_plain(folder / "alters.csv", [".altID", ".egoID", "name", "sector", "closeness"], rows)
    write_plain(folder / "aaties.csv", [".egoID", ".srcID", ".tgtID"], ties)


def write_plain(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---------------------------------------------------------------------------------------------
# The roster-based (sociocentric) protocol
# ---------------------------------------------------------------------------------------------

def make_roster_study():
    people = []
    for p in range(15):
        people.append({"rosterID": f"R{p + 1:02d}",
                       "name": f"{FIRST[(p * 7) % len(FIRST)]} {LAST[(p * 3) % len(LAST)]}",
                       "sector": SECTORS[p % 5]})
    sessions = []
    for p, person in enumerate(people):
        ego = {"uuid": new_uuid(), "session": new_uuid(), "case": person["rosterID"],
               "rosterID": person["rosterID"], "sector": person["sector"]}
        others = [q for q in range(15) if q != p]
        named = sorted(rng.sample(others, rng.randint(2, 5)))
        # Every interview makes nodes of its own: a person named in two interviews has a
        # networkCanvasUUID in each.
        alters = [{"uuid": new_uuid(), "person": q, "closeness": rng.randint(1, 4)} for q in named]
        ties = []
        for i in range(len(alters)):
            for j in range(i + 1, len(alters)):
                if rng.random() < 0.3:
                    ties.append((i, j, new_uuid()))
        sessions.append({"ego": ego, "alters": alters, "ties": ties})
    return people, sessions


def roster_csv(people, sessions, folder):
    folder.mkdir(parents=True)
    write_plain(folder.parent / "roster.csv", ["rosterID", "name", "sector"],
                [[p["rosterID"], p["name"], p["sector"]] for p in people])
    node_id = edge_id = 1
    for s in sessions:
        ego = s["ego"]
        prefix = f"{ego['case']}_{ego['session']}"
        write_csv(folder / f"{prefix}_ego.csv",
                  ["networkCanvasEgoUUID", "networkCanvasCaseID", "networkCanvasSessionID",
                   "networkCanvasProtocolName", "sessionStart", "sessionFinish", "sessionExported",
                   "APP_VERSION", "COMMIT_HASH", "rosterID", "sector"],
                  [[ego["uuid"], ego["case"], ego["session"], ROSTER_PROTOCOL, "2026-10-02T09:00:00.000Z",
                    "2026-10-02T09:20:00.000Z", EXPORTED, APP_VERSION, COMMIT_HASH,
                    ego["rosterID"], ego["sector"]]])
        ids = {}
        rows = []
        for i, a in enumerate(s["alters"]):
            p = people[a["person"]]
            ids[i] = node_id
            rows.append([node_id, ego["uuid"], a["uuid"], p["rosterID"], p["name"], p["sector"], a["closeness"]])
            node_id += 1
        write_csv(folder / f"{prefix}_attributeList_Person.csv",
                  ["nodeID", "networkCanvasEgoUUID", "networkCanvasUUID", "rosterID", "name", "sector", "closeness"],
                  rows)
        rows = []
        for i, j, u in s["ties"]:
            rows.append([edge_id, ids[i], ids[j], ego["uuid"], u, s["alters"][i]["uuid"], s["alters"][j]["uuid"]])
            edge_id += 1
        write_csv(folder / f"{prefix}_edgeList_knows.csv",
                  ["edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID",
                   "networkCanvasSourceUUID", "networkCanvasTargetUUID"], rows)


def main():
    if OUT.exists():
        for sub in ["csv", "graphml", "graphml-sessions", "egor", "roster", "roster-csv"]:
            shutil.rmtree(OUT / sub, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    sessions = make_personal_study()
    personal_csv(sessions, OUT / "csv")
    (OUT / "graphml").mkdir()
    personal_graphml(sessions, OUT / "graphml" / "study.graphml", OUT / "graphml-sessions")
    egor_tables(sessions, OUT / "egor")
    people, roster_sessions = make_roster_study()
    (OUT / "roster").mkdir()
    roster_csv(people, roster_sessions, OUT / "roster" / "csv")

    # Counts for the tests, from what was written.
    alters = sum(len(s["alters"]) for s in sessions)
    ties = sum(len(s["ties"]) for s in sessions)
    nominations = sum(len(s["alters"]) for s in roster_sessions)
    # Alter-alter ties in the roster study: one tie per pair of people, however many reported it.
    pairs = set()
    for s in roster_sessions:
        for i, j, _ in s["ties"]:
            a, b = s["alters"][i]["person"], s["alters"][j]["person"]
            pairs.add((min(a, b), max(a, b)))
    named = set(a["person"] for s in roster_sessions for a in s["alters"])
    nomination_pairs = set()
    for p, s in enumerate(roster_sessions):
        for a in s["alters"]:
            nomination_pairs.add((min(p, a["person"]), max(p, a["person"])))
    counts = {
        "seed": SEED,
        "personal": {
            "egos": len(sessions),
            "alters": alters,
            "alterTies": ties,
            "altersPerEgo": {s["ego"]["case"]: len(s["alters"]) for s in sessions},
            "alterTiesPerEgo": {s["ego"]["case"]: len(s["ties"]) for s in sessions},
            "encrypted": alters,  # every alter's notes
            "guarded": sum(1 for s in sessions for a in s["alters"] if a["name"][0] in "=+-@"),
            "sectorUnanswered": sum(1 for s in sessions for a in s["alters"] if not a["sector"]),
            "sectorSeveral": sum(1 for s in sessions for a in s["alters"] if len(a["sector"]) > 1),
        },
        "roster": {
            "people": len(people),
            "sessions": len(roster_sessions),
            "nominations": nominations,
            "reportedAlterTies": sum(len(s["ties"]) for s in roster_sessions),
            "alterTiePairs": len(pairs),
            "nominationPairs": len(nomination_pairs),
            "tiePairsAll": len(pairs | nomination_pairs),
            "peopleNamed": len(named),
        },
    }
    (OUT / "counts.json").write_text(json.dumps(counts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(counts["personal"] | {"roster": counts["roster"]}, ensure_ascii=False)[:600])


if __name__ == "__main__":
    main()
