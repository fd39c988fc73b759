#!/usr/bin/python3
"""Writes the hand-made workbooks the import tests read, with openpyxl (a
writer other than Cartero's reader), in the office's real conventions:
Spanish headers with accents, dd/mm/yyyy dates, amounts with centavos.
Run from this folder: python3 make_workbooks.py (Debian's python3-openpyxl)."""
import datetime
import zipfile

from openpyxl import Workbook

HEADER = ["Número de cuenta", "Nombre del suscriptor", "Dirección", "Barrio", "Uso",
          "Tipo de facturación", "Saldo", "Días de mora", "Cobro jurídico", "Saneamiento"]
ROWS = [
    ["100234", "MARÍA PEÑA GÓMEZ", "CL 45 # 12-30 AP 201", "La Candelaria", "Residencial",
     "Facturación directa", 1234567.5, 95, "No", ""],
    ["100235", "JOSÉ ÁLVAREZ", "KR 7 # 80-15", "Chapinero", "Comercial",
     "Facturación conjunta", 350000, 120, "Sí", ""],
    ["100236", "COLEGIO SAN ÑANDÚ", "DG 12B # 3-40", "Kennedy", "Especial",
     "Facturación directa", 980000.49, 61, "No", "Lote"],
]


def accounts(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Cartera"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    wb.save(path)


def payments(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Pagos"
    ws.append(["Cuenta", "Fecha de pago", "Valor pagado"])
    ws.append(["100234", datetime.date(2026, 2, 15), 109500.5])
    ws.cell(row=2, column=2).number_format = "dd/mm/yyyy"
    ws.append(["100235", "03/02/2026", "$ 1.234.567,50"])   # date and amount as text
    ws.append(["100236", datetime.date(2026, 1, 9), 50000])
    ws.cell(row=4, column=2).number_format = "d/m/yyyy"
    wb.save(path)


def two_sheets(path):
    wb = Workbook()
    first = wb.active
    first.title = "Resumen"
    first.append(["Total cuentas", 3])
    ws = wb.create_sheet("Cartera")
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    wb.save(path)


def hidden_first(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Oculta"
    ws.append(HEADER)
    ws.sheet_state = "hidden"
    visible = wb.create_sheet("Visible")
    visible.append(HEADER)
    wb.active = 1
    wb.save(path)


def merged_header(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Cartera"
    ws.append(HEADER)
    ws.merge_cells("A1:B1")
    for r in ROWS:
        ws.append(r)
    wb.save(path)


def second_header(path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROWS[0])
    ws.append(HEADER)
    ws.append(ROWS[1])
    wb.save(path)


def zip_bomb(path):
    """A workbook-shaped zip whose sheet inflates 1,000 times."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='H' sheetId='1' r:id='rId1' "
                   "xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'/></sheets></workbook>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (8 << 20) + "</worksheet>")


def rows_out_of_order(path):
    """A workbook-shaped zip whose sheet goes back to row 2 after row 3 (as
    found by fuzz_xlsx); Excel never writes it, a damaged file may."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='Pagos' sheetId='1' r:id='rId1' "
                   "xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'/></sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id='rId1' "
                   "Target='worksheets/sheet1.xml'/></Relationships>")
        cell = "<c t='inlineStr'><is><t>{}</t></is></c>"
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>"
                   + "<row r='1'>" + cell.format("Cuenta") + cell.format("Valor pagado") + "</row>"
                   + "<row r='2'>" + cell.format("100234") + "<c><v>50000</v></c></row>"
                   + "<row r='3'>" + cell.format("100235") + "<c><v>20000</v></c></row>"
                   + "<row r='2'>" + cell.format("100236") + "<c><v>10000</v></c></row>"
                   + "</sheetData></worksheet>")


def courier_returns(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Devoluciones"
    ws.append(["Número de guía", "Causal", "Fecha de devolución", "Observación"])
    # Letter ids are filled in by the test (it prints the letters first);
    # this sheet is for reading the headers and causes only.
    ws.append(["LETTER1", "Dirección errada", datetime.date(2026, 2, 20), "Nomenclatura no existe"])
    ws.cell(row=2, column=3).number_format = "dd/mm/yyyy"
    ws.append(["LETTER2", "No reclamado", "21/02/2026", ""])
    wb.save(path)


if __name__ == "__main__":
    accounts("cuentas_oficina.xlsx")
    payments("pagos_oficina.xlsx")
    two_sheets("dos_hojas.xlsx")
    hidden_first("hoja_oculta.xlsx")
    merged_header("encabezado_combinado.xlsx")
    second_header("segundo_encabezado.xlsx")
    zip_bomb("bomba.xlsx")
    courier_returns("devoluciones_472.xlsx")
    rows_out_of_order("filas_desordenadas.xlsx")
