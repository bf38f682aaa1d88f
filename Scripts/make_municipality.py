"""Builds the constructed (not real) interview dataset in Datasets/municipality/.

Run from the package root:  python3 Scripts/make_municipality.py
Deterministic: a fixed seed and Python's own random module; no other dependency.

The district, the people and the organisations are invented. The data is made to exercise
every step of `brobyggare interviews`: aliases, misspellings, a name two people share,
people who were never interviewed, two waves, affiliations, and one coordinator who links
many local groups.
"""
import csv
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent.parent / "Datasets" / "municipality"
rng = random.Random(20261122)

# Organisations: id, label, sector, level, aliases
ORGS = [
    ("o-soc", "Social Services Norrgården", "municipality", "department", "Socialtjänsten|soc"),
    ("o-edu", "Education Office", "municipality", "department", "Utbildningsförvaltningen"),
    ("o-cul", "Culture and Leisure", "municipality", "department", "Kultur och fritid|KoF"),
    ("o-plan", "Urban Planning", "municipality", "department", ""),
    ("o-safe", "Safety Coordination Unit", "municipality", "department", "Trygghetsenheten"),
    ("o-lib", "Norrgården Library", "municipality", "unit", "the library|biblioteket"),
    ("o-school", "Norrgård School", "municipality", "unit", "Norrgårdsskolan"),
    ("o-health", "Health Centre", "region", "unit", "vårdcentralen"),
    ("o-police", "Local Police Area Norr", "police", "unit", "the police|polisen"),
    ("o-cpo", "Community Police Team", "police", "unit", "områdespolisen|community police"),
    ("o-house", "Bostadsbolaget District Office", "housing", "unit", "Bostadsbolaget|the housing company"),
    ("o-care", "Caretaker Team", "housing", "unit", "the caretakers|fastighetsskötarna"),
    ("o-tenant", "Hyresgästföreningen Norrgården", "civil society", "association", "HGF|tenants' association"),
    ("o-foot", "Norrgården IF", "civil society", "association", "the football club|NIF"),
    ("o-mosque", "Norrgården Islamic Association", "civil society", "association", "the mosque"),
    ("o-church", "Sankt Mikaels församling", "civil society", "association", "the church|St Michael's parish"),
    ("o-somali", "Somali Parents' Association", "civil society", "association", ""),
    ("o-women", "Women's Network Norr", "civil society", "association", "Kvinnonätverket"),
    ("o-youth", "Youth House Association", "civil society", "association", "Ungdomens hus|the youth house"),
    ("o-home", "Homework Help Norrgården", "civil society", "association", "läxhjälpen"),
    ("o-senior", "PRO Norrgården", "civil society", "association", "the pensioners"),
    ("o-walk", "Night Walkers", "civil society", "association", "Nattvandrarna"),
    ("o-arts", "Arts Collective Gården", "civil society", "association", ""),
    ("o-council", "Residents' Council", "residents", "group", "Boenderådet"),
    ("o-block7", "Block 7 Residents", "residents", "group", "kvarter 7"),
]

# People: id, label, sector, level, main organisation, aliases
FIRST = ["Anna", "Björn", "Åsa", "Göran", "Leila", "Mohamed", "Fatima", "Erik", "Sara", "Karin",
         "Johan", "Amina", "Ali", "Maria", "Per", "Ingrid", "Hassan", "Eva", "Lars", "Noor",
         "Jonas", "Maja", "Ahmed", "Elin", "Omar", "Linnea", "Yusuf", "Sofia", "Mikael", "Hodan"]
LAST = ["Karlsson", "Öberg", "Lindqvist", "Jönsson", "Haddad", "Ali", "Hussein", "Nyström",
        "Ekström", "Åberg", "Svensson", "Warsame", "Berg", "Sandström", "Mahmoud", "Holm",
        "Forsberg", "Abdi", "Lund", "Rahimi"]

PEOPLE = []
def person(pid, label, sector, level, org, aliases=""):
    PEOPLE.append((pid, label, sector, level, org, aliases))

# Fixed people with roles that matter to the story.
person("p01", "Leila Haddad", "civil society", "coordinator", "o-women", "Leila")
person("p02", "Anna Karlsson", "municipality", "manager", "o-soc")
person("p03", "Anna Karlsson", "residents", "resident", "o-block7")     # same name, another person
person("p04", "Göran Öberg", "police", "manager", "o-police")
person("p05", "Åsa Lindqvist", "municipality", "manager", "o-safe", "Åsa L")
person("p06", "Mohamed Ali", "civil society", "chair", "o-mosque", "Mo Ali")
person("p07", "Karin Ekström", "housing", "manager", "o-house")
person("p08", "Björn Jönsson", "police", "officer", "o-cpo", "Nalle")
person("p09", "Fatima Hussein", "civil society", "chair", "o-somali")
person("p10", "Per Åberg", "civil society", "chair", "o-tenant")

sectors_orgs = {
    "municipality": ["o-soc", "o-edu", "o-cul", "o-plan", "o-safe", "o-lib", "o-school"],
    "region": ["o-health"],
    "police": ["o-police", "o-cpo"],
    "housing": ["o-house", "o-care"],
    "civil society": ["o-tenant", "o-foot", "o-mosque", "o-church", "o-somali", "o-women", "o-youth", "o-home", "o-senior", "o-walk", "o-arts"],
    "residents": ["o-council", "o-block7"],
}
plan = ([("municipality", "officer")] * 13 + [("region", "officer")] * 2 + [("police", "officer")] * 4 +
        [("housing", "officer")] * 4 + [("civil society", "member")] * 14 + [("residents", "resident")] * 13)
used = {p[1] for p in PEOPLE}
k = 11
for sector, level in plan:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            break
    used.add(name)
    person(f"p{k:02d}", name, sector, level, rng.choice(sectors_orgs[sector]))
    k += 1

people_ids = [p[0] for p in PEOPLE]
info = {p[0]: p for p in PEOPLE}
org_info = {o[0]: o for o in ORGS}
# Not interviewed: 14 people (refused or never reached).
non_respondents = set(rng.sample([p for p in people_ids if p not in ("p01", "p02", "p04", "p05", "p07", "p09", "p12", "p15", "p20", "p23", "p30")], 14))

# Affiliations: everyone to their organisation; the coordinator to many; some members of two.
affiliations = []
for p in PEOPLE:
    affiliations.append((p[0], p[4], "works at" if p[2] in ("municipality", "region", "police", "housing") else "member of"))
for o in ["o-tenant", "o-mosque", "o-somali", "o-youth", "o-home", "o-council", "o-walk"]:
    affiliations.append(("p01", o, "member of"))
for p in PEOPLE:
    if p[2] in ("residents", "civil society") and p[0] != "p01" and rng.random() < 0.35:
        o = rng.choice(sectors_orgs["civil society"] + sectors_orgs["residents"])
        if o != p[4]:
            affiliations.append((p[0], o, "member of"))

def tie_probability(a, b):
    sa, sb = info[a][2], info[b][2]
    if "p01" in (a, b):
        return 0.45 if {sa, sb} & {"civil society", "residents", "municipality"} else 0.25
    if info[a][4] == info[b][4]:
        return 0.55
    if sa == sb:
        return 0.16
    if {sa, sb} in ({"police", "municipality"}, {"housing", "municipality"}):
        return 0.06
    if {sa, sb} == {"residents", "civil society"}:
        return 0.05
    return 0.015

def rating(a, b):
    base = 3.2 if info[a][2] == info[b][2] else 2.4
    if "p01" in (a, b):
        base = 4.1
    if info[a][2] == "residents" and info[b][2] == "police":
        base = 1.8
    return max(1, min(5, round(rng.gauss(base, 0.9))))

TYPOS = {"Leila Hadad": "p01"}  # misspelling -> the id it stands for, for aliases.csv


def spelling(target):
    """How a respondent writes a name: mostly as in the roster, sometimes not."""
    label = info[target][1] if target in info else org_info[target][1]
    aliases = (info[target][5] if target in info else org_info[target][4]).split("|")
    aliases = [a for a in aliases if a]
    r = rng.random()
    if r < 0.70:
        return label
    if r < 0.80:  # lower case, diacritics dropped, as typed quickly
        return label.lower().translate(str.maketrans("åäöé", "aaoe")).replace("'", "")
    if r < 0.88 and aliases:
        return rng.choice(aliases)
    if r < 0.91:  # a typo: two letters swapped
        s = list(label)
        i = rng.randrange(1, len(s) - 2)
        if s[i] != " " and s[i + 1] != " ":
            s[i], s[i + 1] = s[i + 1], s[i]
        if "".join(s) != label:
            TYPOS["".join(s)] = target
        return "".join(s)
    return label.upper() if rng.random() < 0.5 else "  " + label + " "

nominations = []
respondents = [p for p in people_ids if p not in non_respondents]
respondent_set = set(respondents)
# Wave 1: a tie between two people exists with a probability set by their sectors. Wave 2,
# a year on: most ties last (80 %), a few new ones form, ratings drift, and the associations and
# the police draw closer. Each side that was interviewed reports a tie with probability 0.8, so
# most mutual ties are named both ways.
ties = {}
for i, a in enumerate(people_ids):
    for b in people_ids[i + 1:]:
        if rng.random() < tie_probability(a, b):
            ties[(a, b)] = ("trust" if rng.random() < 0.6 else "collaboration", rating(a, b))
waves = {"1": dict(ties), "2": {}}
for pair, (layer, base) in ties.items():
    closer = {info[pair[0]][2], info[pair[1]][2]} == {"police", "civil society"}
    if rng.random() < (0.95 if closer else 0.8):
        drift = rng.choice((-1, 0, 0, 1)) + (1 if closer else 0)
        waves["2"][pair] = (layer, max(1, min(5, base + drift)))
for i, a in enumerate(people_ids):
    for b in people_ids[i + 1:]:
        closer = {info[a][2], info[b][2]} == {"police", "civil society"}
        if (a, b) not in ties and rng.random() < tie_probability(a, b) * (1.5 if closer else 0.25):
            waves["2"][(a, b)] = ("trust" if rng.random() < 0.6 else "collaboration", rating(a, b))
reports = {}  # whether x reports its tie to y, and x's own offset: the same in both waves
for wave in ("1", "2"):
    for (a, b), (layer, base) in waves[wave].items():
        for x, y in ((a, b), (b, a)):
            if (x, y) not in reports:
                reports[(x, y)] = (rng.random() < 0.8, rng.choice((-1, 0, 0, 0, 1)))
            if x in respondent_set and reports[(x, y)][0]:
                r = max(1, min(5, base + reports[(x, y)][1]))
                nominations.append((x, spelling(y), r, layer, wave, info[y][2]))
# Organisations named as such: drawn for wave 1; in wave 2, 85 % of them named again.
org_ties = {(a, o[0]): rating(a, a) for a in respondents for o in ORGS if rng.random() < (0.22 if o[2] == info[a][2] else 0.05)}
for wave in ("1", "2"):
    for (a, o), r in org_ties.items():
        if wave == "1" or rng.random() < 0.85:
            nominations.append((a, spelling(o), r, "collaboration", wave, org_info[o][2]))
# Names no roster has, and a shared name written plainly (ambiguous), for the review file.
nominations += [
    ("p12", "the priest at St Michael's", 4, "trust", "1", "civil society"),
    ("p15", "Ahmed from the kiosk", 3, "trust", "1", "residents"),
    ("p20", "Ahmed from the kiosk", 4, "trust", "1", "residents"),
    ("p02", "Anna Karlsson", 3, "collaboration", "1", "residents"),
    ("p23", "anna karlsson", 2, "trust", "2", "residents"),
    ("p05", "Leila Hadad", 5, "trust", "1", "civil society"),
    ("p05", "Leila Haddad", 4, "trust", "1", "civil society"),   # the same person again: a duplicate once resolved
    ("p30", "Göran Öberg", None, "trust", "1", "police"),         # no rating given
    ("p09", "Fatima Hussein", 5, "trust", "1", "civil society"),  # names herself
]
assert all(r[0] in respondent_set for r in nominations), "an extra row's respondent was not interviewed"
rng.shuffle(nominations)
nominations.sort(key=lambda r: (r[4], int(r[0][1:]) if r[0][1:].isdigit() else 0))

OUT.mkdir(parents=True, exist_ok=True)
with open(OUT / "roster.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "label", "kind", "sector", "level", "organisation", "aliases", "interviewed"])
    for p in PEOPLE:
        w.writerow([p[0], p[1], "person", p[2], p[3], p[4], p[5], "false" if p[0] in non_respondents else "true"])
    for o in ORGS:
        w.writerow([o[0], o[1], "organisation", o[2], o[3], "", o[4], ""])
with open(OUT / "nominations.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["respondent", "alter", "rating", "layer", "wave", "alter_sector"])
    for r in nominations:
        w.writerow(["" if x is None else x for x in r])
with open(OUT / "affiliations.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["person", "organisation", "layer"])
    for a in affiliations:
        w.writerow(a)
# The researcher's decisions, as an alias table: each misspelling mapped to the roster entry it
# stands for, the two names no roster has made new nodes. The shared name "Anna Karlsson" stays
# undecided: the name alone cannot say which of two people was meant.
with open(OUT / "aliases.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "id", "note"])
    for name in sorted(TYPOS):
        if name in {r[1] for r in nominations}:
            w.writerow([name, TYPOS[name], "misspelling"])
    w.writerow(["the priest at St Michael's", "new", "not in the roster"])
    w.writerow(["Ahmed from the kiosk", "new", "not in the roster; two respondents named him"])
    w.writerow(["Anna Karlsson", "", "two people have this name; undecided"])
print(f"{len(PEOPLE)} people ({len(non_respondents)} not interviewed), {len(ORGS)} organisations, "
      f"{len(nominations)} nominations, {len(affiliations)} affiliations")
