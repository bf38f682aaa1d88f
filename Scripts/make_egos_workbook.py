"""Writes the constructed personal-network study's egor tables as one Excel workbook, a sheet
each (egos, alters, aaties), as a researcher keeps them in a spreadsheet; written with openpyxl
(pip install openpyxl==3.1.5). Numbers are typed number cells, text is text.

    python3 Scripts/make_egos_workbook.py

reads Datasets/egos-constructed/egor/*.csv and writes Datasets/egos-constructed/egos.xlsx.
"""
import csv, os
import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "Datasets", "egos-constructed")


def typed(text):
    if text == "":
        return None
    try:
        i = int(text)
        if str(i) == text:
            return i
    except ValueError:
        pass
    return text


book = openpyxl.Workbook()
book.remove(book.active)
for name in ("egos", "alters", "aaties"):
    sheet = book.create_sheet(name)
    with open(os.path.join(FOLDER, "egor", name + ".csv"), newline="", encoding="utf-8") as f:
        for k, row in enumerate(csv.reader(f)):
            sheet.append(row if k == 0 else [typed(v) for v in row])
            # openpyxl writes text that begins with '=' as a formula with no value (the alter
            # named '=Kim'): keep it text.
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
# Fixed document times, so that the workbook is the same bytes every run.
import datetime
book.properties.created = book.properties.modified = datetime.datetime(2026, 11, 29)
book.save(os.path.join(FOLDER, "egos.xlsx"))
print("openpyxl", openpyxl.__version__)
