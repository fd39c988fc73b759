#!/usr/bin/python3
"""The ReportLab side of the letters benchmark: draws the same letter as
`cartero letters` (sender, reference, addressee, QR and Code128 codes, the
return-cause panel with ten boxes, the body text, the signature) for every
row of a Cartero manifest.csv, in parts of 5,000 pages, with ReportLab's
built-in barcodes. Usage: reportlab_letters.py MANIFEST.csv OUT_DIR [N] (the first N rows)"""
import csv
import os
import sys

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DejaVu", f"{FONTS}/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVuBold", f"{FONTS}/DejaVuSans-Bold.ttf"))

CAUSES = ["Dirección inexistente", "Dirección deficiente / incompleta", "Predio demolido", "Lote", "Rehusado",
          "Destinatario desconocido", "No reside / cambió de domicilio", "Cerrado", "Fallecido", "Otro"]
BODY = ("Le informamos que, a la fecha de corte, la cuenta No. {account} del servicio público de aseo, "
        "correspondiente al predio ubicado en {address}, barrio {neighborhood}, presenta un saldo vencido de "
        "{balance}. Lo invitamos a ponerse al día y evitar el cobro por vía jurídica. Puede pagar en los puntos de "
        "recaudo autorizados, en línea por PSE o en nuestras oficinas de atención al usuario, donde también puede "
        "acordar un plan de pagos según su capacidad. ¿Ya realizó el pago? Le agradecemos y le pedimos hacer caso "
        "omiso de esta comunicación.")


def pesos(v):
    return "$ " + f"{int(v):,}".replace(",", ".")


def wrap(c, text, width, font, size):
    words, line, lines = text.split(), "", []
    for w in words:
        t = (line + " " + w).strip()
        if c.stringWidth(t, font, size) > width and line:
            lines.append(line)
            line = w
        else:
            line = t
    return lines + [line]


def draw(c, row):
    for x, y, hollow in ((36, 748, True), (556, 748, False), (36, 24, False), (556, 24, False)):
        c.rect(x, y, 20, 20, fill=1, stroke=0)
        if hollow:
            c.setFillGray(1)
            c.rect(x + 6, y + 6, 8, 8, fill=1, stroke=0)
            c.setFillGray(0)
    c.setFont("DejaVuBold", 10)
    c.drawString(72, 756, "Empresa de Aseo Municipal S.A. E.S.P.")
    c.drawRightString(450, 756, "Carta No. " + row["letter_id"])
    c.setFont("DejaVu", 8)
    c.drawString(72, 745, "NIT 900.123.456-7")
    c.drawRightString(450, 745, "Bogotá D.C., 24 de noviembre de 2026")
    c.setFont("DejaVuBold", 10)
    c.drawString(72, 692, row["holder_name"])
    c.setFont("DejaVu", 9.5)
    c.drawString(72, 679, row["address"])
    c.drawString(72, 667, row["neighborhood"])
    c.drawString(72, 655, row["city"])
    q = qr.QrCodeWidget(row["barcode"], barLevel="H")
    b = q.getBounds()
    d = Drawing(66, 66, transform=[66 / (b[2] - b[0]), 0, 0, 66 / (b[3] - b[1]), 0, 0])
    d.add(q)
    renderPDF.draw(d, c, 466, 700)
    code128.Code128(row["barcode"], barHeight=34, barWidth=1.1).drawOn(c, 330, 662)
    c.drawCentredString(437, 652, row["barcode"])
    c.rect(72, 530, 472, 104)
    c.setFont("DejaVuBold", 8)
    c.drawString(80, 620, "DEVOLUCIÓN — uso exclusivo del mensajero: marque con una X la causal")
    c.setFont("DejaVu", 8)
    for i, label in enumerate(CAUSES):
        x, y = (80, 316)[i // 5], 603 - 13 * (i % 5)
        c.rect(x, y, 10, 10)
        c.drawString(x + 16, y + 1.5, label)
    c.setFont("DejaVu", 10)
    y = 500
    text = BODY.format(account=row["account_id"], address=row["address"], neighborhood=row["neighborhood"],
                       balance=pesos(row["balance"]))
    for line in wrap(c, text, 468, "DejaVu", 10):
        c.drawString(72, y, line)
        y -= 13.2
    c.drawString(72, 130, "Atentamente,")
    c.setFont("DejaVuBold", 9.5)
    c.drawString(72, 94, "Dirección de Cartera")
    c.showPage()


def main():
    manifest, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    os.makedirs(out, exist_ok=True)
    with open(manifest, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:limit]
    for part in range(0, len(rows), 5000):
        c = canvas.Canvas(os.path.join(out, f"letters-{part // 5000 + 1:03d}.pdf"), pagesize=letter)
        for row in rows[part:part + 5000]:
            draw(c, row)
        c.save()


if __name__ == "__main__":
    main()
