#!/usr/bin/python3
"""Writes the seed corpus of fuzz_xlsx (corpus/xlsx/) with writers other than
Cartero's reader: openpyxl (Debian's python3-openpyxl; inline strings, dates
in both epochs, a hidden first sheet, merged header, sparse rows),
libxlsxwriter (xlsx_seeds.c: shared and inline strings, formulas with cached values,
a hidden second sheet), and a few small zips written here by hand after
ECMA-376 (prefixed names, rich text and phonetic runs, a zip bomb, a part
whose header lies about its size). Each writer's workbook is also kept as
its XML parts joined by \x01 (parts_*), the form fuzz_xlsx zips itself so
that mutations reach the XML. Run from this folder:
python3 make_xlsx_seeds.py"""
import datetime
import os
import struct
import subprocess
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "xlsx")


def out(name):
    return os.path.join(OUT, name)


def accounts():
    wb = Workbook()
    ws = wb.active
    ws.title = "Cartera"
    ws.append(["Número de cuenta", "Nombre del suscriptor", "Dirección", "Uso", "Saldo", "Días de mora"])
    ws.append(["100234", "MARÍA PEÑA GÓMEZ", "CL 45 # 12-30 AP 201", "Residencial", 1234567.5, 95])
    ws.append(["100235", "JOSÉ ÁLVAREZ", "KR 7 # 80-15", "Comercial", 350000, 120])
    ws.append(["100236", "=1+1", "DG 12B # 3-40", "Especial", -980000.49, 61])
    wb.save(out("openpyxl_accounts.xlsx"))


def dates(epoch_1904):
    wb = Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Pagos"
    ws.append(["Cuenta", "Fecha de pago", "Valor pagado", "Hora"])
    ws.append(["100234", datetime.date(2026, 2, 15), 109500.5, datetime.datetime(2026, 2, 15, 14, 30)])
    ws.cell(row=2, column=2).number_format = "dd/mm/yyyy"
    ws.cell(row=2, column=4).number_format = 'd "de" mmmm yyyy h:mm'
    ws.append(["100235", "03/02/2026", "$ 1.234.567,50", None])
    ws.append(["100236", datetime.date(1900, 2, 28), 0.125, None])
    ws.cell(row=4, column=2).number_format = "[$-240A]d/m/yyyy"
    ws.cell(row=4, column=3).number_format = '0.00" días"'
    wb.save(out("openpyxl_dates_1904.xlsx" if epoch_1904 else "openpyxl_dates.xlsx"))


def hidden_first():
    wb = Workbook()
    ws = wb.active
    ws.title = "Oculta"
    ws.append(["Cuenta", "Saldo"])
    ws.sheet_state = "hidden"
    visible = wb.create_sheet("Visible")
    visible.append(["Cuenta", "Saldo"])
    wb.active = 1
    wb.save(out("openpyxl_hidden_first.xlsx"))


def merged_and_sparse():
    wb = Workbook()
    ws = wb.active
    ws["C3"] = "Cuenta"
    ws["E3"] = "Saldo"
    ws["C4"] = "100234"
    ws["E4"] = 1200
    ws["XFD9"] = "última columna"
    ws.merge_cells("A20:B21")
    wb.save(out("openpyxl_sparse_gaps.xlsx"))
    ws.merge_cells("C3:D3")
    wb.save(out("openpyxl_merged_header.xlsx"))


RELS = ("<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
        "<Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet' "
        "Target='worksheets/sheet1.xml'/></Relationships>")
WORKBOOK = ("<?xml version='1.0'?><x:workbook xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' "
            "xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>"
            "<x:workbookPr date1904='false'/><x:sheets><x:sheet name='Hoja1' sheetId='1' r:id='rId1'/></x:sheets></x:workbook>")


def by_hand(name, sheet, strings=None, styles=None):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if strings:
            z.writestr("xl/sharedStrings.xml", strings)
        if styles:
            z.writestr("xl/styles.xml", styles)


def hand_written():
    ns = "xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'"
    by_hand("hand_prefixed_rich_text.xlsx",
            f"<x:worksheet {ns}><x:sheetData><x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c>"
            "<x:c r='B1' t='inlineStr'><x:is><x:r><x:t>Sal</x:t></x:r><x:r><x:t>do</x:t></x:r></x:is></x:c></x:row>"
            "<x:row r='2'><x:c r='A2' t='s'><x:v>1</x:v></x:c><x:c r='B2' s='1'><x:v>45000</x:v></x:c>"
            "<x:c r='C2' t='e'><x:v>#DIV/0!</x:v></x:c><x:c r='D2' t='d'><x:v>2026-02-15T00:00:00</x:v></x:c></x:row>"
            "</x:sheetData><x:mergeCells count='1'><x:mergeCell ref='A5:B6'/></x:mergeCells></x:worksheet>",
            strings=f"<x:sst {ns}><x:si><x:t>Cuenta</x:t><x:rPh sb='0' eb='1'><x:t>クン</x:t></x:rPh></x:si>"
                    "<x:si><x:r><x:t xml:space='preserve'>1002 </x:t></x:r><x:r><x:t>34</x:t></x:r></x:si></x:sst>",
            styles=f"<x:styleSheet {ns}><x:numFmts count='1'><x:numFmt numFmtId='164' formatCode='[Red]\"d\"0;\\d'/>"
                   "</x:numFmts><x:cellXfs count='2'><x:xf numFmtId='0'/><x:xf numFmtId='14'/></x:cellXfs></x:styleSheet>")
    # A zip bomb: 2 MB of spaces in a sheet (refused by ratio).
    by_hand("hand_zip_bomb.xlsx", "<worksheet>" + " " * (2 << 20) + "</worksheet>")
    # A sheet whose headers say 200 bytes while it inflates to 300 KB.
    path = out("hand_size_lie.xlsx")
    by_hand("hand_size_lie.xlsx", "<worksheet><sheetData><row><c t='inlineStr'><is><t>Cuenta</t></is></c></row>"
            + "<row><c><v>1</v></c></row>" * 12000 + "</sheetData></worksheet>")
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 200)  # local header's uncompressed size
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, central + 24, 200)
        central = data.rfind(b"PK\x01\x02", 0, central)
    open(path, "wb").write(bytes(data))


def libxlsxwriter():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "xlsx_seeds")
        subprocess.run(["cc", "-o", exe, os.path.join(here, "xlsx_seeds.c"), "-lxlsxwriter"], check=True)
        subprocess.run([exe], check=True, cwd=OUT)


PARTS = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
         "xl/_rels/workbook.xml.rels"]


def as_parts(name):
    """The workbook's parts in fuzz_xlsx's unzipped form."""
    with zipfile.ZipFile(out(name)) as z:
        names = set(z.namelist())
        parts = [z.read(p) if p in names else b"" for p in PARTS]
    with open(out("parts_" + name.replace(".xlsx", "")), "wb") as f:
        f.write(b"\x01".join(parts))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    accounts()
    dates(False)
    dates(True)
    hidden_first()
    merged_and_sparse()
    hand_written()
    libxlsxwriter()
    for name in ["openpyxl_accounts.xlsx", "openpyxl_dates.xlsx", "openpyxl_dates_1904.xlsx",
                 "openpyxl_sparse_gaps.xlsx", "hand_prefixed_rich_text.xlsx", "lxw_inline_strings.xlsx",
                 "lxw_shared_strings_hidden.xlsx"]:
        as_parts(name)
