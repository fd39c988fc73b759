#!/usr/bin/python3
"""Returned-letter scans made independently of Cartero's reader.

Pages come from a letters PDF rasterised by pdftoppm; the only thing taken
from Cartero is layout.json (where each cause box and its label are). Marks
are drawn with PIL the way couriers draw them -- ticks whose tail runs one or
two rows up, circles around the box or its label that touch the neighbours,
X's up to half again the box, scribbles over box and label, marks on the
label instead of the box, faint pencil, blue ink, two strokes on one box --
and pages a person would send to review (two boxes clearly marked, nothing
marked). Each page is then degraded by ImageMagick's convert (rotation, blur,
noise, JPEG, perspective, uneven light).

  courier_marks.py make --pdf letters-001.pdf --layout layout.json --tier office|bad|phone
                        --pages N [--seed S] [--review-share 0.05] --out DIR
  courier_marks.py score DIR LETTERS_CSV    (reads DIR/truth.csv and DIR/cartero.jsonl)

truth.csv: file, letter_page, expect (a cause code, or "review"), style.
score prints one JSON object: totals and a per-style table.
"""
import csv
import json
import math
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CONVERT = "/usr/bin/convert-im6.q16" if os.path.exists("/usr/bin/convert-im6.q16") else "convert"

STYLES = ["tick_long", "tick", "circle_box", "circle_label", "x_big", "x", "scribble", "on_label", "pencil", "blue",
          "double"]
REVIEW_STYLES = ["two_boxes", "blank"]

INK = {"black": (25, 25, 30), "blue": (35, 55, 165), "blue_light": (80, 105, 200), "pencil": (120, 120, 125)}


class Page:
    """Page geometry in pixels of a page rendered at `dpi`."""

    def __init__(self, layout, dpi):
        self.s = dpi / 72.0
        self.h = layout["page"]["height"]
        self.causes = layout["causes"]
        ys = sorted({c["rect"][1] for c in self.causes}, reverse=True)
        self.pitch = (ys[0] - ys[1]) * self.s if len(ys) > 1 else 20 * self.s

    def box(self, i):
        x, y, w, h = self.causes[i]["rect"]
        return (x * self.s, (self.h - y - h) * self.s, w * self.s, h * self.s)

    def label(self, i):
        c = self.causes[i]
        if "label_rect" in c:
            x, y, w, h = c["label_rect"]
            return (x * self.s, (self.h - y - h) * self.s, w * self.s, h * self.s)
        bx, by, bw, bh = self.box(i)  # older layouts: the label follows the box
        return (bx + bw * 1.6, by, bw * 12, bh)


def hand_path(points, rng, wobble):
    """A polyline through `points` with the small wobble of a hand."""
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(2, int(math.hypot(x1 - x0, y1 - y0) / 4))
        for k in range(n):
            t = k / n
            out.append((x0 + (x1 - x0) * t + rng.gauss(0, wobble), y0 + (y1 - y0) * t + rng.gauss(0, wobble)))
    out.append(points[-1])
    return out


def stroke(draw, pts, colour, width, rng, pencil=False):
    if pencil:  # graphite: a lighter, broken line
        for a, b in zip(pts, pts[1:]):
            if rng.random() < 0.85:
                draw.line([a, b], fill=colour, width=width)
        return
    draw.line(pts, fill=colour, width=width, joint="curve")


def ellipse_path(cx, cy, rx, ry, rng, sweep=None):
    start = rng.uniform(0, 2 * math.pi)
    sweep = sweep or rng.uniform(2.0 * math.pi * 0.95, 2.0 * math.pi * 1.15)
    tilt = rng.uniform(-0.25, 0.25)
    n = 64
    pts = []
    for k in range(n + 1):
        a = start + sweep * k / n
        r = 1 + 0.06 * math.sin(3 * a + start)
        x, y = rx * r * math.cos(a), ry * r * math.sin(a)
        pts.append((cx + x * math.cos(tilt) - y * math.sin(tilt), cy + x * math.sin(tilt) + y * math.cos(tilt)))
    return pts


def draw_mark(draw, page, i, style, rng, colour, width, pencil=False):
    bx, by, bw, bh = page.box(i)
    cx, cy = bx + bw / 2, by + bh / 2
    wob = bw * 0.03
    if style in ("tick", "tick_long", "pencil", "blue") and (style != "blue" or rng.random() < 0.5) \
            and (style != "pencil" or rng.random() < 0.5):
        vx, vy = cx + rng.uniform(-0.15, 0.1) * bw, cy + rng.uniform(0.1, 0.35) * bh
        start = (vx - rng.uniform(0.35, 0.6) * bw, vy - rng.uniform(0.3, 0.6) * bh)
        if style == "tick_long":
            rows = rng.choice([1, 2])
            end = (vx + rng.uniform(0.5, 1.3) * bw, vy - rows * page.pitch - rng.uniform(0.0, 0.6) * bh)
        else:
            end = (vx + rng.uniform(0.5, 0.9) * bw, vy - rng.uniform(0.9, 1.4) * bh)
        stroke(draw, hand_path([start, (vx, vy), end], rng, wob), colour, width, rng, pencil)
    elif style in ("x", "x_big", "pencil", "blue"):
        half = bw * (rng.uniform(0.55, 0.75) if style == "x_big" else rng.uniform(0.35, 0.5))
        ox, oy = rng.uniform(-0.12, 0.12) * bw, rng.uniform(-0.12, 0.12) * bh
        for sgn in (1, -1):
            a = (cx + ox - half + rng.gauss(0, wob), cy + oy - sgn * half + rng.gauss(0, wob))
            b = (cx + ox + half + rng.gauss(0, wob), cy + oy + sgn * half + rng.gauss(0, wob))
            stroke(draw, hand_path([a, b], rng, wob), colour, width, rng, pencil)
    elif style == "circle_box":
        # Around the box, reaching up to the neighbours above and below.
        rx = bw * rng.uniform(0.9, 1.5)
        ry = rng.uniform(0.75, 1.0) * page.pitch
        stroke(draw, ellipse_path(cx, cy, rx, ry, rng), colour, width, rng)
    elif style == "circle_label":
        lx, ly, lw, lh = page.label(i)
        text_w = min(lw, bw * rng.uniform(6, 10))
        rx = text_w / 2 + bw * 0.4
        ry = rng.uniform(0.7, 0.95) * page.pitch
        stroke(draw, ellipse_path(lx + text_w / 2, ly + lh / 2, rx, ry, rng), colour, width, rng)
    elif style == "scribble":
        x0 = bx - 0.1 * bw
        x1 = bx + bw * rng.uniform(1.2, 3.5)
        pts = []
        n = rng.randint(5, 9)
        for k in range(n):
            y = by + bh * (0.05 + 0.9 * k / (n - 1))
            pts.append((x0 + rng.uniform(-0.1, 0.1) * bw, y))
            pts.append((x1 + rng.uniform(-0.3, 0.3) * bw, y + 0.08 * bh))
        stroke(draw, hand_path(pts, rng, wob), colour, width, rng)
    elif style == "on_label":
        lx, ly, lw, lh = page.label(i)
        mx = lx + rng.uniform(0.5, 3.0) * bw
        my = ly + lh / 2
        page_fake = (mx - bw / 2, my - bh / 2)
        if rng.random() < 0.5:
            half = bw * 0.5
            for sgn in (1, -1):
                stroke(draw, hand_path([(mx - half, my - sgn * half), (mx + half, my + sgn * half)], rng, wob), colour,
                       width, rng)
        else:
            v = (page_fake[0] + bw * 0.4, page_fake[1] + bh * 0.85)
            stroke(draw, hand_path([(v[0] - 0.4 * bw, v[1] - 0.45 * bh), v, (v[0] + 0.7 * bw, v[1] - 1.3 * bh)], rng,
                                   wob), colour, width, rng)
    elif style == "double":
        # Two strokes on one box: an X gone over twice, or a tick then an X.
        draw_mark(draw, page, i, rng.choice(["x", "tick"]), rng, colour, width)
        draw_mark(draw, page, i, "x", rng, colour, width)
    else:
        raise ValueError(style)


def stamp(draw, img, dpi, rng):
    """A courier's rubber stamp and a handwritten line on the letter's body."""
    s = dpi / 72.0
    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    font = ImageFont.truetype(font_path, int(16 * s)) if os.path.exists(font_path) else None
    x, y = rng.uniform(120, 330) * s, rng.uniform(330, 470) * s
    draw.rectangle([x, y, x + 170 * s, y + 50 * s], outline=(150, 40, 40), width=int(2 * s))
    draw.text((x + 12 * s, y + 14 * s), "DEVUELTO 4-72", fill=(150, 40, 40), font=font)
    pts = [(rng.uniform(90, 120) * s, rng.uniform(600, 700) * s)]
    for _ in range(14):
        pts.append((pts[-1][0] + rng.uniform(8, 16) * s, pts[-1][1] + rng.uniform(-6, 6) * s))
    draw.line(pts, fill=INK["blue"], width=max(1, int(1.1 * s)))


def render(pdf, page_no, dpi, tmp):
    base = os.path.join(tmp, "page")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page_no), "-l", str(page_no), "-singlefile", "-gray", pdf, base],
                   check=True)
    return Image.open(base + ".pgm").convert("RGB")


def rotate_points(pts, angle, cx, cy):
    a = math.radians(angle)
    return [(cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a), cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
            for x, y in pts]


def prepare(img, tier, rng):
    """What the scanner's or the phone's sensor adds before the geometry: light and noise (numpy)."""
    a = np.asarray(img.convert("L"), dtype=np.float32)
    h, w = a.shape
    if tier == "phone":  # light falling off towards one corner
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        fx, fy = rng.choice([(1, 1), (-1, 1), (1, -1), (-1, -1)])
        t = ((xx / w if fx > 0 else 1 - xx / w) + (yy / h if fy > 0 else 1 - yy / h)) / 2
        a *= rng.uniform(0.55, 0.7) + (1 - rng.uniform(0.55, 0.7)) * t
    sigma = {"office": 4, "bad": 14, "phone": 6}[tier]
    a += np.random.default_rng(rng.randrange(1 << 30)).normal(0, sigma, a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def degrade(src, dst, tier, rng, size):
    """Rotation, blur, contrast, perspective and JPEG by ImageMagick's convert."""
    w, h = size
    fast = ["-interpolate", "bilinear", "-filter", "point"]
    args = [CONVERT, src]
    if tier == "office":
        angle = (180 if rng.random() < 0.2 else 0) + rng.uniform(-1, 1)
        args += ["-virtual-pixel", "white"] + fast + ["-distort", "SRT", f"{angle:.2f}",
                 "+level", f"{rng.randint(3, 8)}%,{rng.randint(90, 97)}%", "-quality", str(rng.randint(70, 90))]
    elif tier == "bad":
        args += ["-rotate", str(rng.choice([0, 90, 180, 270])), "-virtual-pixel", "white"] + fast + [
                 "-distort", "SRT", f"{rng.uniform(-3, 3):.2f}", "-blur", f"0x{rng.uniform(0.5, 0.9):.2f}",
                 "+level", f"{rng.randint(15, 25)}%,{rng.randint(80, 90)}%", "-quality", str(rng.randint(30, 50))]
    else:  # phone: the page on a darker table, seen at an angle
        pad = int(0.05 * max(w, h))
        m = [rng.uniform(0.0, 0.05) for _ in range(8)]
        dst_pts = [(pad + m[0] * w, pad + m[1] * h), (pad + w - m[2] * w, pad + m[3] * h),
                   (pad + w - m[4] * w, pad + h - m[5] * h), (pad + m[6] * w, pad + h - m[7] * h)]
        angle = rng.uniform(-4, 4) + (180 if rng.random() < 0.15 else 0)
        dst_pts = rotate_points(dst_pts, angle, pad + w / 2, pad + h / 2)
        src_pts = [(0, 0), (w, 0), (w, h), (0, h)]
        args += ["-virtual-pixel", "background", "-background", "gray(36%)"] + fast + [
                 "-define", f"distort:viewport={w + 2 * pad}x{h + 2 * pad}+0+0", "-distort", "Perspective",
                 " ".join(f"{a[0]:.1f},{a[1]:.1f} {b[0]:.1f},{b[1]:.1f}" for a, b in zip(src_pts, dst_pts)),
                 "-blur", f"0x{rng.uniform(0.3, 0.8):.2f}", "-quality", str(rng.randint(60, 80))]
    args.append(dst)
    subprocess.run(args, check=True)


def make_page(job):
    """One page: rendered, marked, degraded. Deterministic in (seed, k)."""
    opts, k, count = job
    tier = opts["--tier"]
    rng = random.Random(int(opts.get("--seed", "1")) * 1000003 + k)
    layout = json.load(open(opts["--layout"]))
    dpi = int(opts.get("--dpi", {"office": 300, "bad": 150, "phone": 300}[tier]))
    page = Page(layout, dpi)
    ncauses = len(layout["causes"])
    review_share = float(opts.get("--review-share", "0.05"))
    letter_page = k % count + 1
    tmp = tempfile.mkdtemp(prefix="courier-marks-")
    try:
        img = render(opts["--pdf"], letter_page, dpi, tmp)
        draw = ImageDraw.Draw(img)
        width = max(2, int(rng.uniform(0.8, 1.8) * page.s))
        colour = INK[rng.choice(["black", "black", "blue", "blue_light"])]
        if rng.random() < review_share:
            style = REVIEW_STYLES[k % 2]
            expect = "review"
            if style == "two_boxes":
                a, b = rng.sample(range(ncauses), 2)
                draw_mark(draw, page, a, "x", rng, colour, width)
                draw_mark(draw, page, b, rng.choice(["x", "tick"]), rng, colour, width)
        else:
            style = STYLES[k % len(STYLES)]
            i = rng.randrange(ncauses)
            expect = layout["causes"][i]["code"]
            if style == "pencil":
                draw_mark(draw, page, i, "pencil", rng, INK["pencil"], max(2, int(0.7 * page.s)), pencil=True)
            elif style == "blue":
                draw_mark(draw, page, i, "blue", rng, INK[rng.choice(["blue", "blue_light"])], width)
            else:
                draw_mark(draw, page, i, style, rng, colour, width)
        if tier == "bad" or rng.random() < 0.3:
            stamp(draw, img, dpi, rng)
        src = os.path.join(tmp, "marked.pgm")
        prepare(img, tier, rng).save(src)
        name = f"p{k + 1:04d}.jpg"
        degrade(src, os.path.join(opts["--out"], name), tier, rng, img.size)
        return (name, letter_page, expect, style)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def make(opts):
    os.makedirs(opts["--out"], exist_ok=True)
    count = int(subprocess.run(["pdfinfo", opts["--pdf"]], capture_output=True, text=True, check=True)
                .stdout.split("Pages:")[1].split()[0])
    jobs = [(opts, k, count) for k in range(int(opts["--pages"]))]
    with multiprocessing.Pool(int(opts.get("--jobs", "2"))) as pool:
        rows = pool.map(make_page, jobs, chunksize=1)
    with open(os.path.join(opts["--out"], "truth.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "letter_page", "expect", "style"])
        w.writerows(rows)


def score(tier_dir, letters_csv):
    payload = {int(p): b for p, b in csv.reader(open(letters_csv))}
    truth = {r["file"]: r for r in csv.DictReader(open(os.path.join(tier_dir, "truth.csv")))}
    total = dict(pages=0, identified=0, wrong_letter=0, cause_right=0, wrong_cause=0, review=0, review_expected=0,
                 review_right=0)
    styles = {}
    for line in open(os.path.join(tier_dir, "cartero.jsonl")):
        r = json.loads(line)
        t = truth[os.path.basename(r["file"])]
        st = styles.setdefault(t["style"], dict(pages=0, right=0, wrong=0, review=0))
        st["pages"] += 1
        total["pages"] += 1
        if r.get("barcode"):
            if r["barcode"] == payload[int(t["letter_page"])]:
                total["identified"] += 1
            else:
                total["wrong_letter"] += 1
        if r["status"] == "review":
            total["review"] += 1
            st["review"] += 1
        if t["expect"] == "review":
            total["review_expected"] += 1
            if r.get("cause"):
                total["wrong_cause"] += 1
                st["wrong"] += 1
            elif r["status"] == "review":
                total["review_right"] += 1
                st["right"] += 1
            continue
        if r.get("cause"):
            if r["cause"] == t["expect"]:
                total["cause_right"] += 1
                st["right"] += 1
            else:
                total["wrong_cause"] += 1
                st["wrong"] += 1
    total["styles"] = styles
    print(json.dumps(total))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) < 2 or sys.argv[1] != "make":
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    opts = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    for k in ("--pdf", "--layout", "--tier", "--pages", "--out"):
        if k not in opts:
            print(f"courier_marks.py: {k} is required", file=sys.stderr)
            sys.exit(1)
    make(opts)


if __name__ == "__main__":
    main()
