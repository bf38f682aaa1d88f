"""Writes the Excel workbooks the XLSX tests read, with two writers: openpyxl and LibreOffice.

Run from the package root:

    python3 -m venv /tmp/venv-xlsx && /tmp/venv-xlsx/bin/pip install openpyxl==3.1.5
    /tmp/venv-xlsx/bin/python Scripts/make_xlsx_fixtures.py
    /tmp/venv-xlsx/bin/python Scripts/make_xlsx_fixtures.py --large /tmp/large.xlsx   # for timing only

openpyxl 3.1.5 (PyPI) writes most workbooks; LibreOffice Calc (Debian's libreoffice-calc-nogui,
`soffice --headless --convert-to xlsx`) converts flat ODS sources the script writes, so the
reader is tested on a second writer's output. The workbooks go to
Tests/BrobyggareTests/Fixtures/xlsx/; the script stops if the openpyxl version differs, and
skips the LibreOffice workbooks (saying so) when soffice is not installed.
"""
import csv
import datetime
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

OPENPYXL = "3.1.5"
if openpyxl.__version__ != OPENPYXL:
    sys.exit(f"openpyxl {openpyxl.__version__} is installed; the fixtures are written with {OPENPYXL}")

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/BrobyggareTests/Fixtures/xlsx"
OUT.mkdir(parents=True, exist_ok=True)
PADGETT = ROOT / "Datasets/padgett"


def write_large(path, rows=500_000):
    """A large workbook for timing the reader (not a fixture): a sheet of `rows` ties laid out
    as Excel writes one, every text a shared string (20,000 names, 50 notes), trust a number.
    Written directly as SpreadsheetML, since openpyxl writes inline strings only."""
    import random
    import zipfile
    from xml.sax.saxutils import escape
    rng = random.Random(7)
    names = [f"Person {k:05d}" for k in range(20_000)]
    notes = [f"note number {k} with some words" for k in range(50)]
    strings = ["source", "target", "trust", "note"] + names + notes
    index = {s: k for k, s in enumerate(strings)}
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}" xmlns:r="{rel}"><dimension ref="A1:D{rows + 1}"/><sheetData>']
    parts.append('<row r="1" spans="1:4">' + "".join(f'<c r="{c}1" t="s"><v>{k}</v></c>' for k, c in enumerate("ABCD")) + "</row>")
    for r in range(2, rows + 2):
        a, b = rng.randrange(20_000), rng.randrange(20_000)
        trust = rng.randrange(1, 100) / 10
        note = index[notes[rng.randrange(50)]]
        parts.append(f'<row r="{r}" spans="1:4"><c r="A{r}" t="s"><v>{index[names[a]]}</v></c><c r="B{r}" t="s"><v>{index[names[b]]}</v></c><c r="C{r}"><v>{trust}</v></c><c r="D{r}" t="s"><v>{note}</v></c></row>')
    parts.append("</sheetData></worksheet>")
    sheet = "".join(parts)
    sst = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Ties" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", sst)
    print("wrote", path, f"(sheet part {len(sheet.encode()) / 1e6:.1f} MB, {rows} rows)")


if len(sys.argv) == 3 and sys.argv[1] == "--large":
    write_large(sys.argv[2])
    sys.exit(0)


def fixed_times(wb):
    # The same workbook every run: openpyxl stamps the time of writing otherwise.
    when = datetime.datetime(2026, 1, 1)
    wb.properties.created = when
    wb.properties.modified = when


def save(wb, name):
    fixed_times(wb)
    wb.save(OUT / name)
    print("wrote", OUT / name)


def typed(text):
    """A CSV field as a typed cell: whole numbers as numbers, the rest as text."""
    if text == "":
        return None
    try:
        if str(int(text)) == text:
            return int(text)
    except ValueError:
        pass
    return text


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


# 1. Every kind of cell: shared strings, a rich-text string, numbers (integral and not), text
# that looks like a number, booleans, dates, a date and time, a time, an empty cell and an
# error cell.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Ties"
ws.append(["source", "target", "trust", "since", "met", "active", "zip", "note", "count"])
ws.append(["Anna", "Bo", 0.5, datetime.date(2024, 3, 1), datetime.datetime(2024, 3, 1, 12, 30), True, "01234", "first", 12])
ws.append(["Bo", "Cecilia", 1, datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1, 0, 0, 1), False, "00700",
           CellRichText([TextBlock(InlineFont(b=True), "bold"), " and plain"]), 7])
ws.append(["Cecilia", "Anna", 0.25, None, None, None, "12345", "#N/A", 3])
ws["D4"] = None
ws["H4"].data_type = "e"  # an error value, as Excel writes #N/A
ws.append(["Anna", "Cecilia", 2, datetime.date(1900, 3, 1), datetime.time(8, 15), True, "99999", "  spaced  ", 100])
ws.column_dimensions["D"].width = 12
save(wb, "cells.xlsx")

# 2. The 1904 date system (Excel for Mac before 2011): the same date is another serial.
wb = openpyxl.Workbook()
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
ws = wb.active
ws.title = "Ties"
ws.append(["source", "target", "since"])
ws.append(["a", "b", datetime.date(2024, 3, 1)])
save(wb, "date1904.xlsx")

# 3. A merged header: 'trust' spans C1:D1.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Ties"
ws.append(["source", "target", "trust", None])
ws.append(["a", "b", 1, 2])
ws.merge_cells("C1:D1")
save(wb, "merged-header.xlsx")

# 4. Kumu's layout: Elements (Label, Type, Description) and Connections (From, To, Type).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Elements"
ws.append(["Label", "Type", "Description", "Tags"])
for row in [["Anna", "Person", "chair", "board"], ["Bo", "Person", "", ""], ["Kommunen", "Organization", "the municipality", "public"]]:
    ws.append([v if v != "" else None for v in row])
ws = wb.create_sheet("Connections")
ws.append(["From", "To", "Type", "Strength"])
ws.append(["Anna", "Bo", "friend", 3])
ws.append(["Bo", "Kommunen", "member", 1])
ws.append(["Anna", "Kommunen", "member", 2])
save(wb, "kumu.xlsx")

# 5. Polinode's layout: Nodes (Name, attributes) and Edges (Source, Target, Weight).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Nodes"
ws.append(["Name", "Department"])
for row in [["Anna", "Sales"], ["Bo", "Sales"], ["Cecilia", "IT"], ["Dan", "IT"]]:
    ws.append(row)
ws = wb.create_sheet("Edges")
ws.append(["Source", "Target", "Weight"])
for row in [["Anna", "Bo", 2], ["Bo", "Cecilia", 1], ["Cecilia", "Dan", 3]]:
    ws.append(row)
save(wb, "polinode.xlsx")

# 5b. NodeXL's layout (its Excel template, as "Analyzing Social Media Networks with NodeXL",
# 2nd ed., ch. 4 describes it): Edges (Vertex 1, Vertex 2, visual properties, Edge Weight)
# and Vertices (Vertex, visual properties, Label, user columns), each with NodeXL's column
# groups in row 1 above the header in row 2; Dan's edge to Ann twice (NodeXL merges duplicate
# edges only when asked).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Edges"
ws.append([None, None, "Visual Properties", None, None, None, None, "Labels", None, None,
           "Other Columns"])
ws.append(["Vertex 1", "Vertex 2", "Color", "Width", "Style", "Opacity", "Visibility", "Label",
           "Label Text Color", "Label Font Size", "Edge Weight"])
for a, b, w in [("Ann", "Bob", 2), ("Bob", "Carol", 1), ("Carol", "Ann", 3), ("Dan", "Ann", 1),
                ("Dan", "Ann", 1)]:
    ws.append([a, b, None, None, None, None, None, None, None, None, w])
ws = wb.create_sheet("Vertices")
ws.append([None, "Visual Properties", None, None, None, None, None, "Labels", None, None, None,
           "Layout", None, None, None, None, "Other Columns"])
ws.append(["Vertex", "Color", "Shape", "Size", "Opacity", "Image File", "Visibility", "Label",
           "Label Fill Color", "Label Position", "Tooltip", "Layout Order", "X", "Y", "Locked?",
           "Polar R", "Gender"])
for vertex, label, gender in [("Ann", "Ann Andersson", "f"), ("Bob", None, "m"),
                              ("Carol", None, "f"), ("Dan", None, "m")]:
    ws.append([vertex] + [None] * 6 + [label] + [None] * 8 + [gender])
wb.create_sheet("Groups").append(["Group", "Vertex Color", "Vertex Shape"])
save(wb, "nodexl.xlsx")

# 6. Padgett's Florentine families as the shipped CSV tables, a ties sheet and a nodes sheet,
# numbers as number cells; and with the sheets in the other order and other names, for
# --sheet and --nodes-sheet.
ties, nodes = read_csv(PADGETT / "padgett.csv"), read_csv(PADGETT / "padgett.nodes.csv")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "ties"
for row in ties:
    ws.append([typed(v) for v in row])
ws = wb.create_sheet("nodes")
for row in nodes:
    ws.append([typed(v) for v in row])
save(wb, "padgett.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Familjer"
for row in nodes:
    ws.append([typed(v) for v in row])
ws = wb.create_sheet("Band")
for row in ties:
    ws.append([typed(v) for v in row])
save(wb, "padgett-named-sheets.xlsx")

# 7. The municipality study's nominations and roster (Datasets/municipality), as a researcher
# keeps them in Excel: ratings as numbers, interviewed as booleans.
def typed_bool(text):
    return {"true": True, "false": False}.get(text, typed(text))


for name in ["nominations", "roster"]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for row in read_csv(ROOT / f"Datasets/municipality/{name}.csv"):
        ws.append([typed_bool(v) for v in row])
    save(wb, f"municipality-{name}.xlsx")

# 8. LibreOffice: the Padgett tables as a flat ODS of two sheets, converted to .xlsx.
def fods_cell(text):
    from xml.sax.saxutils import escape
    v = typed(text)
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, int):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def fods(sheets):
    body = ""
    for name, rows in sheets:
        body += f'<table:table table:name="{name}">'
        for row in rows:
            body += "<table:table-row>" + "".join(fods_cell(v) for v in row) + "</table:table-row>"
        body += "</table:table>"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document>\n")


soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice is None:
    print("soffice is not installed (apt-get install libreoffice-calc-nogui): the LibreOffice workbooks are not written")
else:
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "padgett-libreoffice.fods"
        src.write_text(fods([("ties", ties), ("nodes", nodes)]), encoding="utf-8")
        env = dict(os.environ, HOME=tmp)  # a profile of its own, not the user's
        subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(OUT), str(src)],
                       check=True, env=env, capture_output=True)
    print("wrote", OUT / "padgett-libreoffice.xlsx", "with", version)

# 9. A blank spacer column between data columns (C has no header and no value), a common
# layout for readability.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Ties"
ws.append(["source", "target", None, "trust"])
ws.append(["a", "b", None, 2])
ws.append(["b", "c", None, 1])
ws.column_dimensions["C"].width = 3
save(wb, "spacer-column.xlsx")

# 10. Hidden sheets: a very hidden sheet first (only VBA can show it), then a hidden one, then
# the visible ties; and a workbook whose only sheet besides a hidden one is very hidden too.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Lookup"
ws.append(["source", "target"])
ws.append(["secret", "x"])
ws.sheet_state = "veryHidden"
ws = wb.create_sheet("Old")
ws.append(["source", "target"])
ws.append(["old", "y"])
ws.sheet_state = "hidden"
ws = wb.create_sheet("Current")
ws.append(["source", "target"])
ws.append(["a", "b"])
save(wb, "hidden-sheets.xlsx")

# Excel and openpyxl keep one sheet visible, so the first sheet is hidden afterwards, in the
# archive's workbook.xml, as a generator that does not check might write it.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Notes"
ws.append(["note"])
ws.append(["see the other sheet"])
ws = wb.create_sheet("Ties")
ws.append(["source", "target"])
ws.append(["a", "b"])
ws.sheet_state = "veryHidden"
save(wb, "only-hidden-sheets.xlsx")


def hide_first_sheet(name):
    import zipfile
    path = OUT / name
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                patched = text.replace('<sheet name="Notes" sheetId="1" state="visible"', '<sheet name="Notes" sheetId="1" state="hidden"', 1)
                assert patched != text, "openpyxl wrote workbook.xml otherwise than expected"
                data = patched.encode("utf-8")
            z.writestr(info, data)
    print("hid the sheet 'Notes' of", path)


hide_first_sheet("only-hidden-sheets.xlsx")

# 11. Formulas as openpyxl writes them: <f> without a cached <v>, never calculated. D3's value
# exists only once Excel or LibreOffice has opened and saved the file.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Ties"
ws.append(["source", "target", "base", "trust"])
ws.append(["a", "b", 2, 3])
ws.append(["b", "c", 4, "=C3*2"])
save(wb, "uncalculated-formula.xlsx")
