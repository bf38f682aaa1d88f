"""Packs the constructed Network Canvas study's CSV bundle as Interviewer's export does: one zip
archive of the session files, deflated (Python's zipfile with zlib). Entry times are fixed, so
the archive is the same bytes every run.

    python3 Scripts/zip_network_canvas_export.py

writes Datasets/egos-constructed/export.zip from Datasets/egos-constructed/csv/.
"""
import os, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "Datasets", "egos-constructed", "csv")
TARGET = os.path.join(ROOT, "Datasets", "egos-constructed", "export.zip")

with zipfile.ZipFile(TARGET, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in sorted(os.listdir(SOURCE)):
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 29, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(SOURCE, name), "rb") as f:
            z.writestr(info, f.read())
print(TARGET, os.path.getsize(TARGET), "bytes")
