"""Writes the broken and hostile input files of Tests/BrobyggareCommandsTests/Broken/.

Each file is one thing wrong, named for it. The message each must give is in
Broken/expected.tsv (file, then the exact first line brobyggare prints on standard error);
BrokenInputTests runs `brobyggare convert FILE OUT` on each (`brobyggare interviews FILE --roster
roster.valid.csv --scale 1..5 -o OUT` on the nominations-* files) and checks the message, exit 1,
and that no output file was written. NAME.nodes.csv files are the node tables read beside NAME.csv. Run from the package root; the files are committed.
"""
import pathlib

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "BrobyggareCommandsTests" / "Broken"
out.mkdir(exist_ok=True)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
KEYS = '  <key id="t" for="edge" attr.name="trust" attr.type="double"/>\n'


def g(body, keys=KEYS, graph='<graph edgedefault="directed">'):
    return (HEAD + keys + "  " + graph + "\n" + body + "  </graph>\n</graphml>\n").encode()


N2 = '    <node id="a"/>\n    <node id="b"/>\n'
files = {
    # GraphML: structure
    "graphml-empty.graphml": b"",
    "graphml-not-xml.graphml": b"source,target\na,b\n",
    "graphml-truncated-in-tag.graphml": g(N2 + '    <edge source="a" target="b"/>\n')[:120],
    "graphml-truncated-no-close.graphml": (HEAD + KEYS + '  <graph edgedefault="directed">\n' + N2).encode(),
    "graphml-mismatched-close.graphml": g(N2 + '    <edge source="a" target="b"></node>\n'),
    "graphml-unclosed-quote.graphml": g('    <node id="a/>\n'),
    "graphml-root-not-graphml.graphml": b'<?xml version="1.0"?>\n<network><node id="a"/></network>\n',
    "graphml-two-roots.graphml": g(N2) + b"<graphml/>\n",
    "graphml-bad-entity.graphml": g('    <node id="a&nbsp;b"/>\n'),
    "graphml-lt-in-attribute.graphml": g('    <node id="a<b"/>\n'),
    "graphml-bad-char-ref.graphml": g('    <node id="a&#xFFFFFFF;"/>\n'),
    "graphml-nul-byte.graphml": g('    <node id="a\x00"/>\n'),
    "graphml-invalid-utf8.graphml": g('    <node id="a"/>\n').replace(b'id="a"', b'id="\xe9t\xe9"'),
    "graphml-unknown-encoding.graphml": b'<?xml version="1.0" encoding="EBCDIC-CP-US"?>\n<graphml/>\n',
    "graphml-two-graphs.graphml": (HEAD + '  <graph edgedefault="directed"/>\n  <graph edgedefault="directed"/>\n</graphml>\n').encode(),
    "graphml-no-graph.graphml": (HEAD + "</graphml>\n").encode(),
    # GraphML: hostile
    "graphml-xxe-file.graphml": ('<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="&x;"/></graph></graphml>\n').encode(),
    "graphml-xxe-http.graphml": ('<?xml version="1.0"?>\n<!DOCTYPE graphml SYSTEM "http://example.org/graphml.dtd">\n'
                                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"/></graphml>\n').encode(),
    "graphml-billion-laughs.graphml": ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
                                       + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
                                       + ']>\n<graphml><graph edgedefault="directed"><node id="&lol9;"/></graph></graphml>\n').encode(),
    "graphml-deep-nesting.graphml": (HEAD + '  <key id="x" for="node" attr.name="x" attr.type="string"/>\n  <graph edgedefault="directed">\n    <node id="a"><data key="x">' + "<g>" * 600 + "</g>" * 600
                                     + "</data></node>\n  </graph>\n</graphml>\n").encode(),
    # GraphML: content
    "graphml-duplicate-node.graphml": g('    <node id="a"/>\n    <node id="a"/>\n'),
    "graphml-edge-undeclared-node.graphml": g(N2 + '    <edge source="a" target="zz"/>\n'),
    "graphml-edge-no-target.graphml": g(N2 + '    <edge source="a"/>\n'),
    "graphml-node-no-id.graphml": g('    <node/>\n'),
    "graphml-unknown-type.graphml": g(N2, keys='  <key id="k" for="node" attr.name="x" attr.type="complex"/>\n'),
    "graphml-key-on-wrong-element.graphml": g(N2 + '    <edge source="a" target="b"><data key="w">3</data></edge>\n',
                                              keys=KEYS + '  <key id="w" for="node" attr.name="wealth" attr.type="int"/>\n'),
    "graphml-duplicate-key-id.graphml": g('    <node id="a"/>\n', keys=KEYS + '  <key id="t" for="edge" attr.name="weight" attr.type="double"/>\n'),
    "graphml-nan-trust.graphml": g(N2 + '    <edge source="a" target="b"><data key="t">NaN</data></edge>\n'),
    "graphml-negative-trust.graphml": g(N2 + '    <edge source="a" target="b"><data key="t">-0.5</data></edge>\n'),
    "graphml-trust-not-number.graphml": g(N2 + '    <edge source="a" target="b"><data key="t">high</data></edge>\n'),
    "graphml-int-not-int.graphml": g('    <node id="a"><data key="k">3.5</data></node>\n', keys='  <key id="k" for="node" attr.name="age" attr.type="int"/>\n'),
    "graphml-bad-boolean.graphml": g('    <node id="a"><data key="k">maybe</data></node>\n', keys='  <key id="k" for="node" attr.name="ok" attr.type="boolean"/>\n'),
    "graphml-hyperedge.graphml": g(N2 + '    <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>\n'),
    "graphml-bad-edgedefault.graphml": g(N2, graph='<graph edgedefault="sideways">'),
    # CSV tie tables
    "csv-empty.csv": b"",
    "csv-missing-header.csv": b"a,b\nb,c\n",
    "csv-ragged-row.csv": b"source,target,trust\na,b,0.5\nb,c,0.5,extra\n",
    "csv-short-row.csv": b"source,target,trust\na,b,0.5\nc\n",
    "csv-unterminated-quote.csv": b'source,target\na,"b\nc,d\n',
    "csv-nan-trust.csv": b"source,target,trust\na,b,NaN\n",
    "csv-negative-trust.csv": b"source,target,trust\na,b,-1\n",
    "csv-trust-not-number.csv": b"source,target,trust\na,b,high\n",
    "csv-infinite-trust.csv": b"source,target,trust\na,b,inf\n",
    "csv-empty-source.csv": b"source,target\n,b\n",
    "csv-nul-byte.csv": b"source,target\na\x00,b\n",
    "csv-invalid-utf8.csv": b"source,target\n\xe9va,b\n",
    "csv-duplicate-column.csv": b"source,target,trust,trust\na,b,0.5,0.6\n",
    "csv-utf16-no-bom.csv": "source,target\na,b\n".encode("utf-16-le"),
    # CSV node tables (read beside NAME.csv as NAME.nodes.csv)
    "csv-nodes-duplicate-id.csv": b"source,target\na,b\n",
    "csv-nodes-duplicate-id.nodes.csv": b"id,label\na,A\na,Again\nb,B\n",
    "csv-nodes-no-id.csv": b"source,target\na,b\n",
    "csv-nodes-no-id.nodes.csv": b"name,label\na,A\n",
    "csv-nodes-ragged.csv": b"source,target\na,b\n",
    "csv-nodes-ragged.nodes.csv": b"id,label\na,A,extra\nb,B\n",
    "csv-nodes-undeclared.csv": b"source,target\na,zz\n",
    "csv-nodes-undeclared.nodes.csv": b"id,label\na,A\nb,B\n",
    # Edge lists
    "edgelist-one-token.edgelist": b"a b\nc\n",
    "edgelist-weight-not-number.edgelist": b"a b 1\nb c heavy\n",
    "edgelist-nan-weight.edgelist": b"a b nan\n",
    "edgelist-negative-weight.edgelist": b"a b -2\n",
    "edgelist-four-tokens.edgelist": b"a b 1 2\n",
    "edgelist-nul-byte.edgelist": b"a b\n\x00 c\n",
    "edgelist-invalid-utf8.edgelist": b"a \xff\n",
    # JSON node-link
    "json-empty.json": b"",
    "json-truncated.json": b'{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", ',
    "json-nodes-not-array.json": b'{"directed": true, "nodes": {"id": "a"}, "links": []}\n',
    "json-link-undeclared-node.json": b'{"directed": true, "nodes": [{"id": "a"}], "links": [{"source": "a", "target": "zz"}]}\n',
    "json-duplicate-node.json": b'{"directed": true, "nodes": [{"id": "a"}, {"id": "a"}], "links": []}\n',
    "json-bare-nan.json": b'{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b", "trust": NaN}]}\n',
    "json-negative-trust.json": b'{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b", "trust": -1}]}\n',
    "json-invalid-utf8.json": b'{"directed": true, "nodes": [{"id": "\xe9"}], "links": []}\n',
    "json-deep-nesting.json": b'{"directed": true, "nodes": [{"id": "a", "x": ' + b"[" * 5000 + b"]" * 5000 + b'}], "links": []}\n',
    "json-trailing-garbage.json": b'{"directed": true, "nodes": [], "links": []} {}\n',
    # DOT
    "dot-empty.dot": b"",
    "dot-unclosed-brace.dot": b"digraph {\n  a -> b;\n",
    "dot-unterminated-string.dot": b'digraph {\n  "a -> b;\n}\n',
    "dot-undirected-edge-in-digraph.dot": b"digraph {\n  a -- b;\n}\n",
    "dot-negative-trust.dot": b'digraph {\n  a -> b [trust="-1"];\n}\n',
    "dot-nul-byte.dot": b"digraph {\n  a -> b\x00;\n}\n",
    "dot-deep-nesting.dot": b"graph {\n  " + b"{" * 5000 + b"a" + b"}" * 5000 + b"\n}\n",
    # Interview nominations, read by `interviews` with the valid roster roster.valid.csv
    "roster.valid.csv": b"id,label,kind,sector\np1,Anna Berg,person,municipality\np2,Omar Ali,person,civil society\n",
    "nominations-rating-out-of-scale.csv": b"respondent,alter,rating\np1,Omar Ali,4\np2,Anna Berg,7\n",
    "nominations-rating-not-number.csv": b"respondent,alter,rating\np1,Omar Ali,very\n",
    "nominations-no-alter-column.csv": b"respondent,rating\np1,4\n",
    "nominations-empty-respondent.csv": b"respondent,alter,rating\n,Omar Ali,4\n",
    "nominations-ragged.csv": b"respondent,alter,rating\np1,Omar Ali,4,extra\n",
}


# Excel workbooks, built with the standard library's zipfile (entries dated 1980-01-01, so the
# bytes are the same every run).
import io
import struct
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(sheet, extra=None, method=zipfile.ZIP_DEFLATED):
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Ties" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet}</sheetData></worksheet>',
    }
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text.encode() if isinstance(text, str) else text)
    return buf.getvalue()


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


GOOD_SHEET = '<row r="1">' + cell("A1", "source") + cell("B1", "target") + '</row><row r="2">' + cell("A2", "a") + cell("B2", "b") + "</row>"
good = workbook(GOOD_SHEET, method=zipfile.ZIP_STORED)


def patched(data, name, offset, fmt, value):
    """The workbook with a field of the central directory entry of `name` changed."""
    b = bytearray(data)
    cd = struct.unpack_from("<I", b, len(b) - 22 + 16)[0]
    while True:
        n = struct.unpack_from("<H", b, cd + 28)[0]
        m, k = struct.unpack_from("<HH", b, cd + 30)
        if b[cd + 46 : cd + 46 + n].decode() == name:
            struct.pack_into(fmt, b, cd + offset, value)
            return bytes(b)
        cd += 46 + n + m + k


sheet = "xl/worksheets/sheet1.xml"
files |= {
    # The sheet's part inflates to 20 MB of one repeated row: over 500 times its compressed size.
    "xlsx-zip-bomb.xlsx": workbook('<row r="1">' + cell("A1", "source") + cell("B1", "target") + "</row>"
                                   + "<!-- " + "x" * (20 << 20) + " -->"),
    "xlsx-truncated.xlsx": good[: len(good) // 2],
    "xlsx-bad-crc.xlsx": patched(good, sheet, 16, "<I", 0x12345678),
    "xlsx-size-lies.xlsx": patched(workbook(GOOD_SHEET), sheet, 24, "<I", 100),
    "xlsx-encrypted.xlsx": patched(good, sheet, 8, "<H", 1),
    "xlsx-not-a-workbook.xlsx": b"source,target\na,b\n",
    # A table of 612 rows by 16,384 columns: more than the 10,000,000 cells read.
    "xlsx-huge-sheet.xlsx": workbook('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
                                     + "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(2, 613))),
    "xlsx-merged-header.xlsx": workbook("", extra={
        sheet: f'<worksheet xmlns="{MAIN}"><sheetData>{GOOD_SHEET}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'}),
    "xlsx-no-target-column.xlsx": workbook('<row r="1">' + cell("A1", "source") + "</row>"),
    "xlsx-bad-shared-string.xlsx": workbook('<row r="1"><c r="A1" t="s"><v>3</v></c></row>', extra={
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>source</t></si></sst>'}),
    "xlsx-doctype.xlsx": workbook("", extra={sheet: '<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'}),
}
for name, data in files.items():
    (out / name).write_bytes(data)
print(len([n for n in files if not n.endswith(".nodes.csv") and n != "roster.valid.csv"]), "files")
