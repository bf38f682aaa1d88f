"""Builds the constructed (not real) study of local safety groups in
Datasets/safety-groups-constructed/.

Run from anywhere:  python3 Scripts/make_safety_groups.py
Deterministic: one fixed seed and Python's own random module; no other dependency. It writes,
for each of 12 areas and 2 waves, a tie table AREA-waveW.csv and a node table
AREA-waveW.nodes.csv, and manifest.csv with the counts of every file; it prints the areas and
waves table of the README. The GraphML files beside them are made from the CSV files with
`brobyggare convert` (see the folder's README).

The areas, people, organisations and agreements are invented. The generating model is written
out in the folder's README ("How the data were generated") so that what an analysis finds can
be checked against what was put in; the constants below are the ones it quotes.
"""
import csv
import math
import pathlib
import random

SEED = 20261130
OUT = pathlib.Path(__file__).resolve().parent.parent / "Datasets" / "safety-groups-constructed"
rng = random.Random(SEED)

# Areas: id (file names), name, police and social-services district, people besides the
# coordinator in wave 1, and what is built into the area.
AREAS = [
    ("norrbacka", "Norrbacka", "North", 14, ""),
    ("sjoviken", "Sjöviken", "North", 11, ""),
    ("lindhojden", "Lindhöjden", "North", 18, "leaver"),
    ("bjorkangen", "Björkängen", "North", 9, ""),
    ("granlunda", "Granlunda", "North", 16, "formal bridge"),
    ("ekebacken", "Ekebacken", "North", 12, ""),
    ("hagalid", "Hagalid", "South", 19, "new partnership"),
    ("tallmyra", "Tallmyra", "South", 13, "formal bridge"),
    ("ronnskogen", "Rönnskogen", "South", 10, ""),
    ("alvnas", "Älvnäs", "South", 15, ""),
    ("asbyholm", "Åsbyholm", "South", 17, "formal bridge"),
    ("videdal", "Videdal", "South", 12, ""),
]

COORDINATOR = {
    "id": "coordinator", "label": "Helena Vikström", "sector": "municipality", "level": "management",
    "organisation": "Municipal Safety Unit", "role": "safety coordinator",
}

# Roles: sector, level, role. Every area has the first nine; larger areas draw more from EXTRA.
CORE = [
    ("school", "management", "principal"),
    ("school", "street", "teacher"),
    ("police", "street", "community police officer"),
    ("social services", "management", "unit manager"),
    ("social services", "street", "social worker"),
    ("youth centre", "management", "youth centre manager"),
    ("youth centre", "street", "youth leader"),
    ("church", "street", "deacon"),
    ("housing company", "management", "area manager"),
]
FIRST_EXTRA = ("local business", "management", "shop owner")
EXTRA = [
    ("school", "street", "teacher"),
    ("school", "street", "school counsellor"),
    ("police", "street", "community police officer"),
    ("police", "management", "local police chief"),
    ("social services", "street", "field assistant"),
    ("social services", "street", "social worker"),
    ("youth centre", "street", "youth leader"),
    ("church", "management", "vicar"),
    ("local business", "management", "restaurant owner"),
    ("local business", "street", "shop assistant"),
    ("housing company", "street", "caretaker"),
    ("housing company", "street", "tenancy officer"),
]
ONCE_PER_AREA = {"local police chief", "vicar", "restaurant owner"}


def organisation(sector, role, area, district):
    if sector == "school":
        return f"{area} School"
    if sector == "police":
        return f"Local Police {district}"
    if sector == "social services":
        return f"Social Services {district}"
    if sector == "youth centre":
        return f"{area} Youth Centre"
    if sector == "church":
        return f"{area} Parish"
    if sector == "housing company":
        return f"Hemstaden Housing, {district} office"
    if role == "restaurant owner":
        return f"{area} Pizzeria"
    return f"{area} Corner Shop"  # shop owner and shop assistant


FIRST = ["Anna", "Björn", "Åsa", "Göran", "Leila", "Mohamed", "Fatima", "Erik", "Sara", "Karin",
         "Johan", "Amina", "Ali", "Maria", "Per", "Ingrid", "Hassan", "Eva", "Lars", "Noor",
         "Jonas", "Maja", "Ahmed", "Elin", "Omar", "Linnea", "Yusuf", "Sofia", "Mikael", "Hodan",
         "Kristina", "Daniel", "Zeynep", "Tobias", "Ulla", "Reza", "Malin", "Patrik", "Ida", "Samir"]
LAST = ["Lindberg", "Öhman", "Sjögren", "Bergkvist", "Nordin", "Yilmaz", "Hedlund", "Ekman",
        "Falk", "Ström", "Persson", "Warsame", "Dahl", "Sundberg", "Hosseini", "Lundqvist",
        "Blom", "Aziz", "Engström", "Nilsson", "Jama", "Wallin", "Forsgren", "Kaya", "Lind",
        "Holmberg", "Osman", "Åkesson", "Mattsson", "Karimi"]
# One name given on purpose to two people in different areas (a trap for anyone merging the
# areas by label): a teacher in Norrbacka and the deacon in Hagalid.
SHARED_NAME = "Anna Lindberg"
SHARED_AT = {("norrbacka", "teacher"), ("hagalid", "deacon")}

# The generating model's constants (quoted in the README).
P_SAME_ORG = 0.75          # P(collaboration) for two people of one organisation
P_SAME_SECTOR = 0.5        # of one sector, two organisations
P_CROSS = 0.18             # of two sectors
P_CROSS_MANAGERS = 0.35    # of two sectors, both management
P_COORD_MANAGEMENT = 0.85  # the coordinator and a manager
P_COORD_STREET = 0.3       # the coordinator and a street-level worker
P_KEY_CROSS = 0.8          # Lindhöjden's youth-centre manager and anyone of another sector
P_REPORT = 0.85            # a respondent names an existing collaboration
TRUST_B0, TRUST_COLLAB, TRUST_SECTOR, TRUST_LEVEL = -2.8, 2.4, 1.3, 0.5
P_KEEP_COLLAB = 0.85       # wave 2 keeps a collaboration of wave 1
NEW_COLLAB_FACTOR = 0.25   # wave 2 forms one that was not there, with this times its probability
P_KEEP_TRUST = 0.85        # wave 2 keeps a trust tie where the collaboration did not change
P_RATING_DRIFT = 0.25      # and moves its rating one step up or down with this probability
COLLAB_RATING_MEAN, COLLAB_RATING_SAME_ORG = 3.0, 0.8  # a collaboration's rating: Gaussian, sd 0.9
PARTNERSHIP_TRUST = 0.2    # a formal agreement's trust: the scale's lowest step (a rating of 1)
BLOCK_B = {"church", "local business"}  # cut off from the rest in the formal-bridge areas

used_labels = {COORDINATOR["label"]}


def new_label():
    while True:
        label = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if label not in used_labels and label != SHARED_NAME:
            used_labels.add(label)
            return label


def make_people(area_id, name, district, size, formal):
    """The people of an area in wave 1 (besides the coordinator)."""
    roles = list(CORE)
    if size > len(CORE):
        roles.append(FIRST_EXTRA)
    if formal:  # the parish and the shops, cut off but for the deacon, are four people
        roles += [("church", "management", "vicar"), ("local business", "management", "restaurant owner")]
    while len(roles) < size:
        r = rng.choice(EXTRA)
        if r[2] in ONCE_PER_AREA and r in roles:
            continue
        roles.append(r)
    people = []
    prefix = area_id[:3]
    for k, (sector, level, role) in enumerate(roles, start=1):
        label = SHARED_NAME if (area_id, role) in SHARED_AT else new_label()
        if label == SHARED_NAME:
            SHARED_AT.discard((area_id, role))  # only the first of that role
        people.append({"id": f"{prefix}-{k:02d}", "label": label, "sector": sector, "level": level,
                       "organisation": organisation(sector, role, name, district), "role": role})
    return people


def first(people, role):
    return next((p for p in people if p["role"] == role), None)


def collaboration_probability(a, b, key_id, formal):
    if "coordinator" in (a["id"], b["id"]):
        other = b if a["id"] == "coordinator" else a
        if formal and other["sector"] in BLOCK_B:
            return 0.0
        return P_COORD_MANAGEMENT if other["level"] == "management" else P_COORD_STREET
    if formal and ((a["sector"] in BLOCK_B) != (b["sector"] in BLOCK_B)):
        return 0.0
    if formal and a["sector"] in BLOCK_B and "deacon" in (a["role"], b["role"]):
        return 1.0  # the deacon works with everyone in the parish and the shops
    if a["organisation"] == b["organisation"]:
        return P_SAME_ORG
    if a["sector"] == b["sector"]:
        return P_SAME_SECTOR
    if key_id in (a["id"], b["id"]):
        return P_KEY_CROSS
    if a["level"] == b["level"] == "management":
        return P_CROSS_MANAGERS
    return P_CROSS


def trust_probability(a, b, collab):
    x = TRUST_B0 + TRUST_COLLAB * collab + TRUST_SECTOR * (a["sector"] == b["sector"]) \
        + TRUST_LEVEL * (a["level"] == b["level"])
    return 1 / (1 + math.exp(-x))


def draw_rating(a, b, collab):
    mean = 2.6 + 0.9 * collab + 0.6 * (a["sector"] == b["sector"])
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def collaboration_rating(a, b):
    """How closely a respondent says they work with someone, 1 (now and then) to 5 (every week)."""
    mean = COLLAB_RATING_MEAN + COLLAB_RATING_SAME_ORG * (a["organisation"] == b["organisation"])
    return max(1, min(5, round(rng.gauss(mean, 0.9))))


def pair(a, b):
    return (a, b) if a < b else (b, a)


def agreements(area_id, name, people, formal):
    """Formal agreements: (label, person, person). Every area has the municipality's
    agreement with the police (the coordinator and a community police officer); the rest are
    IOPs of the parish and the youth centre and the housing company's agreement with the police."""
    out = [(f"Collaboration agreement municipality-police ({name})", "coordinator",
            first(people, "community police officer")["id"])]
    deacon = first(people, "deacon")["id"]
    if formal:
        # The deacon is the parish's contact in two IOPs: the only ties across to the others.
        out.append((f"IOP {name} Parish-social services", deacon, first(people, "unit manager")["id"]))
        out.append((f"IOP {name} Parish-youth centre", deacon, first(people, "youth centre manager")["id"]))
        return out
    options = [
        (f"IOP {name} Parish-social services", deacon, first(people, "unit manager")["id"]),
        (f"IOP {name} Parish-youth centre", deacon, first(people, "youth centre manager")["id"]),
        (f"Safety agreement Hemstaden-police ({name})", first(people, "area manager")["id"],
         first(people, "community police officer")["id"]),
    ]
    if area_id == "hagalid":
        options = options[:2]  # Hagalid's housing company signs with the youth centre in wave 2
    out += rng.sample(options, rng.choice([1, 2]))
    return out


def build_area(area_id, name, district, size, feature):
    formal = feature == "formal bridge"
    people1 = make_people(area_id, name, district, size, formal)
    coord = dict(COORDINATOR)
    key_id = first(people1, "youth centre manager")["id"] if feature == "leaver" else None
    deals1 = agreements(area_id, name, people1, formal)
    formal_pairs = {pair(d[1], d[2]) for d in deals1[1:]} if formal else set()

    # Wave 2: the same people, except where someone leaves.
    people2 = list(people1)
    joined = None
    if feature == "leaver":
        people2 = [p for p in people1 if p["id"] != key_id]
        joined = {"id": f"{area_id[:3]}-{len(people1) + 1:02d}", "label": new_label(),
                  "sector": "youth centre", "level": "management",
                  "organisation": organisation("youth centre", "", name, district),
                  "role": "youth centre manager"}
        people2.append(joined)
    # The organisation's agreements stay; whoever holds the post now is their contact.
    deals2 = [(d[0], *(joined["id"] if x == key_id else x for x in d[1:])) for d in deals1]
    if feature == "new partnership":
        deals2.append((f"IOP {name} Youth Centre-Hemstaden", first(people1, "area manager")["id"],
                       first(people1, "youth centre manager")["id"]))
    backed = lambda deals: {pair(d[1], d[2]) for d in deals} - formal_pairs

    waves = []
    prev = None
    for wave, people, deals in ((1, people1, deals1), (2, people2, deals2)):
        everyone = [coord] + people
        by_id = {p["id"]: p for p in everyone}
        # Latent collaboration (undirected): who works together.
        collab = {}
        for i, a in enumerate(everyone):
            for b in everyone[i + 1:]:
                k = pair(a["id"], b["id"])
                p = collaboration_probability(a, b, key_id, formal)
                if joined is not None and joined["id"] in k and a["sector"] != b["sector"] \
                        and "coordinator" not in k:
                    p = 0.05  # new in the post: few ties beyond the youth centre yet
                if prev is None or k not in prev["collab"]:
                    collab[k] = rng.random() < p
                elif prev["collab"][k]:
                    collab[k] = rng.random() < P_KEEP_COLLAB
                else:
                    collab[k] = rng.random() < NEW_COLLAB_FACTOR * p
        for k in backed(deals):
            collab[k] = True  # an agreement people work under
        for k in formal_pairs:
            collab[k] = False  # an agreement on paper only
        # Latent trust (directed) with a rating, for everyone; observed from respondents only.
        trust = {}
        for a in everyone:
            for b in everyone:
                if a is b:
                    continue
                k = pair(a["id"], b["id"])
                c = collab[k]
                if k in formal_pairs or (formal and "coordinator" not in k
                                         and (a["sector"] in BLOCK_B) != (b["sector"] in BLOCK_B)) \
                        or (formal and "coordinator" in k and (a["sector"] in BLOCK_B or b["sector"] in BLOCK_B)):
                    trust[(a["id"], b["id"])] = None  # nobody across the cut, either way
                    continue
                old = prev["trust"].get((a["id"], b["id"]), "absent") if prev else "absent"
                if old != "absent" and prev["collab"].get(k) == c and rng.random() < P_KEEP_TRUST:
                    r = old
                    if r is not None and rng.random() < P_RATING_DRIFT:
                        r = max(1, min(5, r + rng.choice([-1, 1])))
                    trust[(a["id"], b["id"])] = r
                else:
                    trust[(a["id"], b["id"])] = draw_rating(a, b, c) \
                        if rng.random() < trust_probability(a, b, c) else None
        # Who answered: the coordinator always; 1-3 others did not.
        kept = {key_id, first(people, "deacon")["id"] if formal else None}  # the stories' people answer
        candidates = [p["id"] for p in people if p["id"] not in kept]
        missing = 1 + (len(people) >= 14) + (rng.random() < 0.5)
        non_respondents = set(rng.sample(candidates, missing))
        rows = []
        for a in everyone:
            if a["id"] in non_respondents:
                continue
            for b in everyone:
                if a is b:
                    continue
                if collab[pair(a["id"], b["id"])] and rng.random() < P_REPORT:
                    r = collaboration_rating(a, b)
                    rows.append((a["id"], b["id"], f"{r / 5:g}", "collaboration", str(r), ""))
        for (s, t), r in sorted(trust.items()):
            if r is not None and s not in non_respondents:
                rows.append((s, t, f"{r / 5:g}", "trust", str(r), ""))
        for label, s, t in deals:
            rows.append((s, t, f"{PARTNERSHIP_TRUST:g}", "partnership", "", label))
            rows.append((t, s, f"{PARTNERSHIP_TRUST:g}", "partnership", "", label))
        order = {"collaboration": 0, "trust": 1, "partnership": 2}
        rows.sort(key=lambda r: (order[r[3]], r[0], r[1]))
        waves.append({"wave": wave, "people": everyone, "rows": rows, "non_respondents": non_respondents,
                      "formal_bridge": first(people, "deacon")["id"] if formal else "",
                      "left": key_id if wave == 2 and key_id else "",
                      "joined": joined["id"] if wave == 2 and joined else "",
                      "new_partnership": "|".join(d[1] + " " + d[2] for d in deals2[len(deals1):]) if wave == 2 else ""})
        prev = {"collab": collab, "trust": trust}
    return waves


def write(area_id, w):
    stem = f"{area_id}-wave{w['wave']}"
    with open(OUT / f"{stem}.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["source", "target", "type", "trust", "layer", "rating", "agreement"])
        for s, t, trust, layer, rating, agreement in w["rows"]:
            out.writerow([s, t, "Directed", trust, layer, rating, agreement])
    with open(OUT / f"{stem}.nodes.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "label", "kind", "sector", "level", "organisation", "role", "respondent"])
        for p in w["people"]:
            out.writerow([p["id"], p["label"], "person", p["sector"], p["level"], p["organisation"],
                          p["role"], "false" if p["id"] in w["non_respondents"] else "true"])
    return stem


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for area_id, name, district, size, feature in AREAS:
        for w in build_area(area_id, name, district, size, feature):
            stem = write(area_id, w)
            layers = [r[3] for r in w["rows"]]
            labels = [p["label"] for p in w["people"]]
            assert len(set(labels)) == len(labels), (stem, "labels repeat within the area")
            manifest.append({
                "dataset": f"safety-{stem}", "area": area_id, "area_name": name, "district": district,
                "wave": w["wave"], "file": f"{stem}.csv", "nodes": len(w["people"]), "ties": len(w["rows"]),
                "collaboration": layers.count("collaboration"), "trust": layers.count("trust"),
                "partnership": layers.count("partnership"),
                "non_respondents": len(w["non_respondents"]),
                "formal_bridge": w["formal_bridge"], "left": w["left"], "joined": w["joined"],
                "new_partnership": w["new_partnership"],
            })
    assert not SHARED_AT, "the shared name was not given to both people"
    with open(OUT / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=list(manifest[0]), lineterminator="\n")
        out.writeheader()
        out.writerows(manifest)
    print("| dataset | area | district | wave | nodes | ties | collaboration | trust | partnership | non-respondents | built in |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for m in manifest:
        built = []
        if m["formal_bridge"]:
            built.append(f"formal bridge {m['formal_bridge']}")
        if m["left"]:
            built.append(f"{m['left']} left, {m['joined']} joined")
        if m["new_partnership"]:
            built.append(f"new partnership {m['new_partnership']}")
        print(f"| `{m['dataset']}` | {m['area_name']} | {m['district']} | {m['wave']} | {m['nodes']} | {m['ties']} | "
              f"{m['collaboration']} | {m['trust']} | {m['partnership']} | {m['non_respondents']} | {'; '.join(built)} |")


if __name__ == "__main__":
    main()
