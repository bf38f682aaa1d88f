"""Writes one small name-generator study in the export layouts of four survey apps (KoboToolbox,
Ona, ODK Central, SurveyCTO), for the tests of reading survey-app exports.

Run from the package root:

    python3 -m venv /tmp/venv-xlsx && /tmp/venv-xlsx/bin/pip install openpyxl==3.1.5
    /tmp/venv-xlsx/bin/python Scripts/make_survey_app_fixtures.py

writes to Tests/BrobyggareTests/Fixtures/survey-apps/:

- kobo.xlsx, kobo-groups-long-title.xlsx,  KoboToolbox's XLSX export, three ways (the last
  kobo-hxl.xlsx                            with the HXL tag row formpack writes under the header)
- kobo-pasted-repeat.xlsx                  kobo.xlsx with a repeat sheet whose rows name another
                                           project's table ('Pilot study'): refused
- ona.xlsx                                 Ona's XLS export
- odk-central.csv.zip                      ODK Central's CSV zip, and the same two CSV files
  odk-central/NameGen.csv,                 unzipped
  odk-central/NameGen-alters.csv
- odk-central-folder.zip                   the two packed again in a folder NameGen/, with a
                                           __MACOSX entry beside it, as a file manager does
- surveycto/Name generator.csv,            SurveyCTO's long-format CSV export
  surveycto/Name generator-alters.csv

openpyxl 3.1.5 (PyPI) writes the workbooks; Python's csv module writes the CSV files (UTF-8,
comma-separated, `\\n` line ends, fields quoted only when needed) and its zipfile module the
zip. The script stops if the openpyxl version differs. Every run writes the same bytes: the
workbooks' created/modified times are fixed, and every zip (the .xlsx files too, which openpyxl
stamps with the time of writing) is packed again with its entries dated 2024-05-02 10:00:00,
deflated. (Workbook.save would set the modified time to the time of saving, so the workbooks are
written with openpyxl's ExcelWriter, which save calls, directly.)

These are constructed files in those layouts, NOT files exported by the apps: nobody was
interviewed and no app wrote them. The layouts follow the apps' exporter code:

- KoboToolbox: kobotoolbox/formpack `src/formpack/reporting/export.py` (one sheet per section,
  named by unique_name_for_xls; `_index` counting down each sheet; a repeat row's
  `_parent_table_name` (the parent section's full name) and `_parent_index`; the
  `_submission_<field>` copies of the submission's fields on repeat rows; answers written as
  the submission's text, `_id` and the indexes as numbers), formpack `src/formpack/utils/string.py`
  `unique_name_for_xls` (a sheet name longer than Excel's 31 characters is cut to 28 and `...`
  added; `_parent_table_name` keeps the uncut name), and kpi's test `test_mock_data_exports.py`
  (the order of the system columns). formpack writes with XlsxWriter in constant_memory mode,
  which, like openpyxl, writes text as inline strings. kobo.xlsx has XML names as headers;
  kobo-groups-long-title.xlsx has group paths (`intro/resp_name`, `network/alters/alter_name`)
  and a project title of 47 characters.
- Ona: onaio/onadata `onadata/libs/utils/export_builder.py` (ExportBuilder.EXTRA_FIELDS at the
  end of every sheet; sheet titles from the section's XPath with `/` made `_`; the main row's
  `_parent_index` -1 and no `_parent_table_name`; a repeat row's `_parent_table_name` the
  parent's sheet title, its `_id`, `_uuid` and the other submission fields empty; int
  questions converted to numbers and `_submission_time` to a date-time, written with
  openpyxl's write-only workbook as onadata does).
- ODK Central: getodk/central-backend `lib/data/briefcase.js` (files `<formId>.csv` and
  `<formId>-<repeat>.csv`; group paths joined by `-` (`meta-instanceID`); SubmissionDate
  first and KEY (the instanceID) after the form's fields, then Central's columns; a repeat
  file's PARENT_KEY and KEY, KEY `<parent key>/network/alters[N]` with N from 1 within each
  submission; the repeat files are added to the archive before the main file) and
  `lib/util/zip.js` (archiver, zlib level 9).
- SurveyCTO: its help page on the data format of exports (long format: a file per repeat
  group with PARENT_KEY, KEY and SET-OF-<repeat>; KEY, instanceID, formdef_version and
  SubmissionDate in the main file).

Columns that real exports can carry and these tests do not need are left out (for example
Ona's `formhub/uuid` and `meta/instanceID`, newer KoboToolbox's `meta/rootUuid`), and the
system values (ids, uuids, versions, devices, times) are made up.

The study: respondents a, b, c (and e, who submitted the form but named no one) answer
resp_name and resp_age, and name people in the repeat group `alters` (alter_name,
tie_strength 1-5, alter_sector). The same submissions, in the same order, in every file.
"""
import csv
import datetime
import io
import pathlib
import sys
import zipfile

OPENPYXL = "3.1.5"
try:
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter
except ImportError:
    sys.exit(f"openpyxl is not installed; the fixtures are written with {OPENPYXL} (see the docstring)")
if openpyxl.__version__ != OPENPYXL:
    sys.exit(f"openpyxl {openpyxl.__version__} is installed; the fixtures are written with {OPENPYXL}")

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/BrobyggareTests/Fixtures/survey-apps"
OUT.mkdir(parents=True, exist_ok=True)

ZIP_TIME = (2024, 5, 2, 10, 0, 0)
DOCUMENT_TIME = datetime.datetime(2024, 5, 2, 10, 0, 0)


# The study. Each submission: respondent, age, uuid, Kobo/Ona _id, form start and end (local
# time in Stockholm, as the phone records them), time the server received it (UTC), and the
# people named, each (alter_name, tie_strength, alter_sector) with None for no answer.
class Submission:
    def __init__(self, name, age, uuid, id, start, end, received, alters):
        self.name, self.age, self.uuid, self.id = name, age, uuid, id
        self.start, self.end, self.received, self.alters = start, end, received, alters


def utc(h, m, s):
    return datetime.datetime(2024, 5, 2, h, m, s)


SUBMISSIONS = [
    Submission("a", 40, "3f2b8c1e-7d4a-4b9e-a6f1-0c5d2e8b9a71", 301,
               "2024-05-02T12:02:31.417+02:00", "2024-05-02T12:10:58.902+02:00", utc(10, 11, 12),
               [("Björn Berg", 5, None), ("cecilia ek", 4, None), ("Bjorn Berg", 2, None)]),
    Submission("b", 31, "9a6e1d40-2c7b-4f83-b15e-6d8f0a3c4e92", 302,
               "2024-05-02T12:20:07.035+02:00", "2024-05-02T12:32:11.610+02:00", utc(10, 32, 40),
               [("Åsa Öberg", 3, None), ("Nalle", 5, None)]),
    Submission("c", 55, "c41f7a2d-88e3-4d1b-9c06-5b2e7f1a0d33", 303,
               "2024-05-02T12:51:44.208+02:00", "2024-05-02T13:04:37.771+02:00", utc(11, 5, 9),
               [("Dan Ek", 2, None), ("Ek", 3, "residents"), ("Police", None, None)]),
    Submission("e", 60, "e7d09b5c-1a4f-4c2e-8b7d-3f6a9c2e1b54", 304,
               "2024-05-02T13:40:02.950+02:00", "2024-05-02T13:47:21.384+02:00", utc(11, 47, 55),
               []),
]


def text(value):
    """An answer as the submission holds it: text, or None when not answered."""
    return None if value is None else str(value)


def field(value):
    """An answer as a CSV field: empty when not answered."""
    return "" if value is None else str(value)


def repack(data):
    """The zip archive `data` again, entries in the same order, dated ZIP_TIME and deflated, so
    that the bytes do not depend on when (or on which system) it was written."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            entries.append((info.filename, z.read(info.filename)))
    return pack(entries)


def pack(entries, compresslevel=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system runs the script
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=compresslevel)
    return out.getvalue()


def save_workbook(wb, name):
    # openpyxl's Workbook.save stamps properties.modified with the time of saving; its
    # ExcelWriter, which save calls, writes the properties as they are set here.
    wb.properties.created = wb.properties.modified = DOCUMENT_TIME
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    (OUT / name).write_bytes(repack(buffer.getvalue()))
    print("wrote", OUT / name)


def csv_bytes(rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_bytes(relative, data):
    path = OUT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print("wrote", path)


# 1-2. KoboToolbox (formpack's XLSX export, as kpi runs it: copy fields
# _id, _uuid, _submission_time, _validation_status, _notes, _status, _submitted_by,
# __version__, _tags; force_index, so every sheet has _index).
KOBO_VERSION = "vQm7b2"
KOBO_STATUS = "submitted_via_web"
KOBO_SYSTEM = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
               "_submitted_by", "__version__", "_tags"]


def xls_sheet_name(title):
    """formpack's unique_name_for_xls for the first sheet: at most 31 characters, a longer
    title cut to 28 and '...' added."""
    return title if len(title) <= 31 else title[:28] + "..."


def kobo_system_values(s):
    # _validation_status, _notes, _submitted_by and _tags are empty for these submissions.
    return [s.id, s.uuid, s.received.strftime("%Y-%m-%dT%H:%M:%S"), None, None, KOBO_STATUS,
            None, KOBO_VERSION, None]


def write_kobo(name, title, main_group, repeat_path, hxl=False, repeat_parent=None):
    wb = openpyxl.Workbook()
    main = wb.active
    main.title = xls_sheet_name(title)
    main.append(["start", "end", main_group + "resp_name", main_group + "resp_age"] + KOBO_SYSTEM + ["_index"])
    alters = wb.create_sheet("alters")
    alters.append([repeat_path + q for q in ("alter_name", "tie_strength", "alter_sector")]
                  + ["_index", "_parent_table_name", "_parent_index"]
                  + ["_submission_" + f for f in KOBO_SYSTEM])
    if hxl:
        # formpack writes a row of the questions' HXL tags below each sheet's header when the
        # form tags some (tag_cols_for_header ['hxl']): empty for the untagged columns.
        main.append([None, None, "#contact+name", "#indicator+age"] + [None] * (len(KOBO_SYSTEM) + 1))
        alters.append(["#contact+alter", "#indicator+trust", "#sector"]
                      + [None] * (3 + len(KOBO_SYSTEM)))
    repeat_index = 0
    for index, s in enumerate(SUBMISSIONS, start=1):
        # Answers are text, as in the submission's JSON: "40", not 40.
        main.append([s.start, s.end, s.name, text(s.age)] + kobo_system_values(s) + [index])
        for alter_name, strength, sector in s.alters:
            repeat_index += 1
            alters.append([alter_name, text(strength), sector, repeat_index,
                           repeat_parent or title, index]
                          + kobo_system_values(s))
    save_workbook(wb, name)


write_kobo("kobo.xlsx", "Name generator study", "", "")
LONG_TITLE = "Trust and safety in Rinkeby, wave 2 interviews"
assert xls_sheet_name(LONG_TITLE) == "Trust and safety in Rinkeby,..."
write_kobo("kobo-groups-long-title.xlsx", LONG_TITLE, "intro/", "network/alters/")
write_kobo("kobo-hxl.xlsx", "Name generator study", "", "", hxl=True)
# A repeat sheet pasted from another project's export: its rows name that project's table.
write_kobo("kobo-pasted-repeat.xlsx", "Name generator study", "", "", repeat_parent="Pilot study")


# 3. Ona (onadata's ExportBuilder.to_xls_export).
ONA_EXTRA = ["_id", "_uuid", "_submission_time", "_index", "_parent_table_name", "_parent_index",
             "_tags", "_notes", "_version", "_duration", "_submitted_by"]
ONA_FORM = "name_gen"
ONA_REPEAT = "network/alters"
ONA_VERSION = "202405020900"

wb = openpyxl.Workbook(write_only=True)
main = wb.create_sheet(title=ONA_FORM)
alters = wb.create_sheet(title="_".join(ONA_REPEAT.split("/")))
main.append(["resp_name", "resp_age"] + ONA_EXTRA)
alters.append([f"{ONA_REPEAT}/{q}" for q in ("alter_name", "tie_strength", "alter_sector")] + ONA_EXTRA)
repeat_index = 0
for index, s in enumerate(SUBMISSIONS, start=1):
    # _tags and _notes are empty (joined from empty lists), _duration is empty (the form has no
    # start and end), _submitted_by is empty.
    main.append([s.name, s.age, s.id, s.uuid, s.received, index, None, -1,
                 None, None, ONA_VERSION, None, None])
    for alter_name, strength, sector in s.alters:
        repeat_index += 1
        alters.append([alter_name, strength, sector, None, None, None, repeat_index, ONA_FORM, index,
                       None, None, None, None, None])
save_workbook(wb, "ona.xlsx")


# 4. ODK Central (briefcase.js: the form NameGen, questions resp_name and resp_age, the repeat
# alters inside the group network).
CENTRAL_FORM = "NameGen"
central_main = [["SubmissionDate", "resp_name", "resp_age", "meta-instanceID", "KEY", "SubmitterID",
                 "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState",
                 "DeviceID", "Edits", "FormVersion"]]
central_alters = [["alter_name", "tie_strength", "alter_sector", "PARENT_KEY", "KEY"]]
for s in SUBMISSIONS:
    key = "uuid:" + s.uuid
    received = s.received.strftime("%Y-%m-%dT%H:%M:%S") + ".000Z"
    central_main.append([received, s.name, field(s.age), key, key, "7", "Field team", "0", "0",
                         "", "", "collect:Hn4sWq8ZtLb2XkP0", "0", "2024050201"])
    for n, (alter_name, strength, sector) in enumerate(s.alters, start=1):
        central_alters.append([alter_name, field(strength), field(sector), key, f"{key}/network/alters[{n}]"])

central_files = [(f"{CENTRAL_FORM}-alters.csv", csv_bytes(central_alters)),
                 (f"{CENTRAL_FORM}.csv", csv_bytes(central_main))]
write_bytes("odk-central.csv.zip", pack(central_files, compresslevel=9))
for name, data in central_files:
    write_bytes(f"odk-central/{name}", data)
# The same files unpacked into a folder and packed again (a zip of the folder, as a file
# manager makes it, with macOS's __MACOSX entry beside it).
write_bytes("odk-central-folder.zip",
            pack([(f"{CENTRAL_FORM}/{name}", data) for name, data in central_files]
                 + [(f"__MACOSX/{CENTRAL_FORM}/._{CENTRAL_FORM}.csv", b"\x00\x05\x16\x07")]))


# 5. SurveyCTO (long format: the form titled 'Name generator', the repeat alters).
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def surveycto_date(t):
    """'May 2, 2024 10:11:12 AM', without the locale's help."""
    hour = t.hour % 12 or 12
    return f"{MONTHS[t.month - 1][:3]} {t.day}, {t.year} {hour}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'}"


cto_main = [["SubmissionDate", "resp_name", "resp_age", "alters_count", "SET-OF-alters", "instanceID",
             "formdef_version", "KEY"]]
cto_alters = [["alter_name", "tie_strength", "alter_sector", "PARENT_KEY", "KEY", "SET-OF-alters"]]
for s in SUBMISSIONS:
    key = "uuid:" + s.uuid
    cto_main.append([surveycto_date(s.received), s.name, field(s.age), str(len(s.alters)), key + "/alters",
                     key, "2405020900", key])
    for n, (alter_name, strength, sector) in enumerate(s.alters, start=1):
        cto_alters.append([alter_name, field(strength), field(sector), key, f"{key}/alters[{n}]", key + "/alters"])
write_bytes("surveycto/Name generator.csv", csv_bytes(cto_main))
write_bytes("surveycto/Name generator-alters.csv", csv_bytes(cto_alters))
