#!/usr/bin/python3
"""A second corpus of returned letters, made without looking at the reader.

Independent of bench/courier_marks.py (written from layout.json's rectangles
and issue 15's text only): the page is rasterised by pdftocairo, every pen
mark is a smoothed random walk through a few hand-placed points, drawn as a
chain of discs whose width follows the pen's pressure, and the page is then
degraded with OpenCV (affine and perspective warps, 90/180/270 degree turns,
Gaussian noise, blur, uneven light, a rubber stamp) and saved as JPEG by PIL.

Mark styles (one per page, on the cause drawn at random, "other" included):
  tick         a small tick, vertex in the box
  tick_long    a tick whose long arm runs one or two rows up
  circle       a hasty open (or overshooting) loop around the box, up to
               reaching the boxes above and below
  circle_label a loop around the label (and often the box with it)
  x            an X about the box's size, off-centre
  x_big        an X 1.2-1.5 times the box, off-centre
  scribble     a zig-zag over the box, often running onto the label
  underline    the label underlined (box left empty)
  on_label     a tick or an X on the label instead of the box
  double       two marks on one box (a tick gone over, or a loop and a tick)
and pages a person sends to review: two_boxes (two different causes clearly
marked), blank (nothing marked).
Inks, drawn at random for every style: ballpoint black, ballpoint blue,
pencil (grey, faint, broken), felt-tip (thick black).

  courier_marks_ext.py make --pdf letters-001.pdf --layout layout.json --letters letters.csv
                            --tier office|bad|phone --pages N [--seed S] [--review-share 0.06]
                            [--jobs 2] [--styles a,b] --out DIR
  courier_marks_ext.py score DIR LETTERS_CSV   (DIR/truth.csv and DIR/cartero.jsonl)

letters.csv: "page,barcode" of the PDF's letter pages (the pages drawn on).
truth.csv: file, letter_page, expect (a cause code or "review"), style, ink,
dpi, turn. score prints one JSON object: totals, per style and per ink
(the same totals bench/run's table reads from courier_marks.py score).
"""
import csv
import io
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile

import cv2
import numpy as np

cv2.setNumThreads(1)
from PIL import Image, ImageDraw, ImageFont

STYLES = ["tick", "tick_long", "circle", "circle_label", "x", "x_big", "scribble", "underline", "on_label", "double"]
REVIEW_STYLES = ["two_boxes", "blank"]
# name: (RGB, width in pt (min, max), opacity (min, max), broken)
INKS = {
    "ballpoint_black": ((28, 28, 36), (0.55, 0.95), (0.85, 1.0), False),
    "ballpoint_blue": ((30, 52, 150), (0.55, 0.95), (0.8, 1.0), False),
    "pencil": ((105, 105, 110), (0.5, 0.9), (0.45, 0.75), True),
    "felt_tip": ((15, 15, 15), (1.8, 3.0), (0.92, 1.0), False),
}


# ---------------------------------------------------------------- geometry

class Geometry:
    """layout.json's rectangles (points, origin bottom-left) in pixels of a
    page rendered at `dpi` (origin top-left)."""

    def __init__(self, layout, dpi):
        self.s = dpi / 72.0
        self.h_pt = layout["page"]["height"]
        self.causes = layout["causes"]
        ys = sorted({c["rect"][1] for c in self.causes})
        self.pitch = min(b - a for a, b in zip(ys, ys[1:])) * self.s if len(ys) > 1 else 24 * self.s
        self.avoid = [self.rect(layout["codes"][k]) for k in layout["codes"]]
        self.panel = self.rect(layout["panel"])

    def rect(self, r):
        x, y, w, h = r
        return (x * self.s, (self.h_pt - y - h) * self.s, (x + w) * self.s, (self.h_pt - y) * self.s)

    def box(self, i):
        x0, y0, x1, y1 = self.rect(self.causes[i]["rect"])
        return (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0

    def label(self, i):
        return self.rect(self.causes[i]["label_rect"])


# ---------------------------------------------------------------- strokes

def catmull_rom(points, step=1.0):
    """A smooth curve through `points` sampled about every `step` pixels."""
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 2:
        return p
    p = np.vstack([p[0] * 2 - p[1], p, p[-1] * 2 - p[-2]])
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        n = max(2, int(np.linalg.norm(p2 - p1) / step))
        t = np.linspace(0, 1, n, endpoint=False)[:, None]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    out.append(p[-2][None, :])
    return np.vstack(out)


def wander(path, rng, amount):
    """The hand's tremor: a smoothed random walk added across the path."""
    n = len(path)
    if n < 4 or amount <= 0:
        return path
    walk = np.cumsum(rng.normal(0, 1, (n, 2)), axis=0)
    k = max(3, n // 6) | 1
    kernel = np.ones(k) / k
    walk = np.stack([np.convolve(walk[:, j], kernel, mode="same") for j in range(2)], axis=1)
    walk -= np.linspace(walk[0], walk[-1], n)  # ends stay where the hand put them
    peak = np.abs(walk).max() or 1.0
    return path + walk / peak * amount


class Canvas:
    def __init__(self, img):
        self.img = img.astype(np.float32)  # H x W x 3, 0..255

    def stroke(self, points, ink, width_px, rng, tremor):
        colour, _, (o0, o1), broken = INKS[ink]
        path = wander(catmull_rom(points, 0.7), rng, tremor)
        n = len(path)
        if n < 2:
            return
        t = np.linspace(0, 1, n)
        # Pressure: up at the start, a slow wave along, lifting at the end.
        pressure = np.clip(0.55 + 0.45 * np.sin(np.pi * np.clip(t * rng.uniform(1.0, 1.4), 0, 1)) ** 0.6
                           + 0.12 * np.sin(t * rng.uniform(4, 10) + rng.uniform(0, 6)), 0.25, 1.15)
        pressure *= np.minimum(1.0, np.minimum(t, 1 - t) * n / 6 + 0.35)
        radius = np.maximum(0.45, width_px * pressure / 2)
        pad = int(radius.max() + 3)
        x0, y0 = np.floor(path.min(axis=0)).astype(int) - pad
        x1, y1 = np.ceil(path.max(axis=0)).astype(int) + pad
        H, W = self.img.shape[:2]
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
        if x1 <= x0 or y1 <= y0:
            return
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        skip = 0
        for (x, y), r in zip(path, radius):
            if broken:
                if skip > 0:
                    skip -= 1
                    continue
                if rng.random() < 0.02:
                    skip = int(rng.integers(2, 9))
            cv2.circle(mask, (int((x - x0) * 16), int((y - y0) * 16)), int(r * 16), 255, -1, cv2.LINE_AA, shift=4)
        alpha = mask.astype(np.float32) / 255.0 * rng.uniform(o0, o1)
        if broken:  # graphite on paper grain
            alpha *= np.clip(rng.normal(0.85, 0.3, alpha.shape), 0, 1).astype(np.float32)
            alpha = cv2.GaussianBlur(alpha, (3, 3), 0.6)
        c = np.asarray(colour, np.float32) / 255.0
        region = self.img[y0:y1, x0:x1]
        region *= 1.0 - alpha[..., None] * (1.0 - c)


def pen(ink, geo, rng):
    lo, hi = INKS[ink][1]
    return rng.uniform(lo, hi) * geo.s


def jitter(rng, scale):
    return rng.normal(0, scale, 2)


def tick(canvas, geo, cx, cy, b, ink, rng, long_rows=0.0):
    w = pen(ink, geo, rng)
    b *= rng.uniform(0.8, 1.6)  # the tick's own size
    v = np.array([cx, cy]) + [rng.uniform(-0.15, 0.1) * b, rng.uniform(0.0, 0.2) * b]
    start = v + [rng.uniform(-0.55, -0.3) * b, rng.uniform(-0.55, -0.3) * b]
    if long_rows:
        rise = long_rows * geo.pitch
        end = v + [rng.uniform(0.35, 0.9) * rise, -rise]
    else:
        end = v + [rng.uniform(0.5, 0.9) * b, -rng.uniform(0.8, 1.2) * b]
    mid1 = (start + v) / 2 + jitter(rng, 0.05 * b)
    mid2 = v + (end - v) * 0.4 + jitter(rng, 0.05 * b)
    corner = v + [0.04 * b, -0.02 * b]
    canvas.stroke([start, mid1, v, corner, mid2, end], ink, w, rng, 0.05 * b)


def loop(canvas, geo, cx, cy, rx, ry, ink, rng):
    """A hasty loop: not closed (300-340 degrees) or overshooting (370-420),
    its radius wandering, ends spiralling in or out."""
    w = pen(ink, geo, rng)
    sweep = math.radians(rng.uniform(300, 340) if rng.random() < 0.5 else rng.uniform(370, 420))
    a0 = rng.uniform(0, 2 * math.pi)
    direction = -1 if rng.random() < 0.7 else 1
    n = 14
    drift = rng.uniform(-0.12, 0.12)
    tilt = math.radians(rng.uniform(-12, 12))
    pts = []
    for k in range(n + 1):
        f = k / n
        a = a0 + direction * sweep * f
        r = 1 + drift * f + rng.normal(0, 0.04)
        x, y = rx * r * math.cos(a), ry * r * math.sin(a)
        pts.append((cx + x * math.cos(tilt) - y * math.sin(tilt), cy + x * math.sin(tilt) + y * math.cos(tilt)))
    canvas.stroke(pts, ink, w, rng, 0.04 * min(rx, ry))


def cross(canvas, geo, cx, cy, size, ink, rng):
    w = pen(ink, geo, rng)
    c = np.array([cx, cy]) + jitter(rng, 0.15 * size)
    for base in (45, 135):
        a = math.radians(base + rng.uniform(-12, 12))
        half = size / 2 * math.sqrt(2) * rng.uniform(0.85, 1.1)  # `size`: the X's width and height
        d = np.array([math.cos(a), math.sin(a)]) * half
        bow = np.array([-d[1], d[0]]) * rng.uniform(-0.12, 0.12)
        off = jitter(rng, 0.06 * size)
        canvas.stroke([c + off - d, c + off + bow, c + off + d * rng.uniform(0.9, 1.1)], ink, w, rng, 0.03 * size)


def scribble(canvas, geo, i, ink, rng):
    cx, cy, b = geo.box(i)
    lx0, ly0, lx1, ly1 = geo.label(i)
    w = pen(ink, geo, rng)
    left = cx - b * rng.uniform(0.5, 0.8)
    right = cx + b * rng.uniform(0.5, 0.8) if rng.random() < 0.5 else lx0 + (lx1 - lx0) * rng.uniform(0.1, 0.4)
    top, bottom = cy - b * rng.uniform(0.45, 0.7), cy + b * rng.uniform(0.45, 0.7)
    zigs = int(rng.integers(4, 9))
    pts = []
    across = rng.random() < 0.6  # strokes left-right going down, or up-down going right
    for k in range(zigs + 1):
        if across:
            pts.append(((left, right)[k % 2] + rng.normal(0, 0.1 * b), top + (bottom - top) * k / zigs + rng.normal(0, 0.05 * b)))
        else:
            pts.append((left + (right - left) * k / zigs + rng.normal(0, 0.05 * b), (top, bottom)[k % 2] + rng.normal(0, 0.1 * b)))
    canvas.stroke(pts, ink, w, rng, 0.06 * b)


def underline(canvas, geo, i, ink, rng):
    lx0, ly0, lx1, ly1 = geo.label(i)
    _, _, b = geo.box(i)
    w = pen(ink, geo, rng)
    x0 = lx0 + rng.uniform(-0.3, 0.1) * b
    x1 = lx0 + (lx1 - lx0) * rng.uniform(0.75, 1.05)
    y = ly1 + rng.uniform(0.05, 0.3) * b
    slope = math.tan(math.radians(rng.uniform(-3, 3)))
    pts = [(x, y + (x - x0) * slope + rng.normal(0, 0.04 * b)) for x in np.linspace(x0, x1, 5)]
    canvas.stroke(pts, ink, w, rng, 0.05 * b)
    if rng.random() < 0.25:  # gone over twice
        canvas.stroke([(x, y + 0.2 * b) for x, y in pts], ink, w, rng, 0.05 * b)


def mark(canvas, geo, i, style, ink, rng):
    cx, cy, b = geo.box(i)
    if style == "tick":
        tick(canvas, geo, cx, cy, b, ink, rng)
    elif style == "tick_long":
        tick(canvas, geo, cx, cy, b, ink, rng, long_rows=rng.uniform(1.0, 2.2))
    elif style == "circle":
        c = np.array([cx, cy]) + jitter(rng, 0.12 * b)
        loop(canvas, geo, c[0], c[1], rng.uniform(0.8, 1.5) * b, rng.uniform(0.75, 1.6) * b, ink, rng)
    elif style == "circle_label":
        lx0, ly0, lx1, ly1 = geo.label(i)
        left = (cx - b * 0.6) if rng.random() < 0.6 else lx0 - 0.1 * b
        right = lx1 + rng.uniform(0.0, 0.5) * b
        loop(canvas, geo, (left + right) / 2 + rng.normal(0, 0.05 * b), (ly0 + ly1) / 2 + rng.normal(0, 0.08 * b),
             (right - left) / 2 * rng.uniform(1.0, 1.12), rng.uniform(0.75, 1.4) * b, ink, rng)
    elif style == "x":
        cross(canvas, geo, cx, cy, rng.uniform(0.8, 1.1) * b, ink, rng)
    elif style == "x_big":
        cross(canvas, geo, cx, cy, rng.uniform(1.2, 1.5) * b, ink, rng)
    elif style == "scribble":
        scribble(canvas, geo, i, ink, rng)
    elif style == "underline":
        underline(canvas, geo, i, ink, rng)
    elif style == "on_label":
        lx0, ly0, lx1, ly1 = geo.label(i)
        # On the printed words: layout.json gives the label's place, as wide
        # as its column's longest label; the words take about 0.45 of the
        # place's height a character.
        words = min(lx1 - lx0, len(geo.causes[i]["label"]) * 0.45 * (ly1 - ly0))
        lx = lx0 + words * rng.uniform(0.25, 0.75)
        ly = (ly0 + ly1) / 2
        if rng.random() < 0.5:
            tick(canvas, geo, lx, ly, b, ink, rng)
        else:
            cross(canvas, geo, lx, ly, rng.uniform(0.9, 1.3) * b, ink, rng)
    elif style == "double":
        if rng.random() < 0.5:
            tick(canvas, geo, cx, cy, b, ink, rng)
            tick(canvas, geo, cx, cy, b, ink, rng)
        else:
            loop(canvas, geo, cx, cy, rng.uniform(0.8, 1.2) * b, rng.uniform(0.75, 1.1) * b, ink, rng)
            tick(canvas, geo, cx, cy, b * 0.8, ink, rng)
    else:
        raise ValueError(style)


# ---------------------------------------------------------------- degradation

def render(pdf, page, dpi, tmp):
    base = os.path.join(tmp, "p")
    subprocess.run(["pdftocairo", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, base],
                   check=True, stderr=subprocess.DEVNULL)
    return np.asarray(Image.open(base + ".png").convert("RGB"))


def stamp(img, geo, rng):
    """A rubber stamp in the letter's body (never on the panel or the codes)."""
    H, W = img.shape[:2]
    r = int(W * rng.uniform(0.07, 0.1))
    cx = int(rng.uniform(0.25, 0.75) * W)
    cy = int(rng.uniform(0.55, 0.8) * H)
    layer = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(layer)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=255, width=max(2, r // 18))
    d.ellipse([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], outline=255, width=max(1, r // 30))
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", max(10, r // 4))
    except OSError:
        font = ImageFont.load_default()
    d.text((cx - r * 0.62, cy - r * 0.3), "4-72", fill=255, font=font)
    d.text((cx - r * 0.7, cy + r * 0.05), "DEVUELTO", fill=255, font=font)
    a = np.asarray(layer, np.float32) / 255.0 * rng.uniform(0.5, 0.85)
    grain = np.empty(a.shape, np.float32)
    cv2.randn(grain, 0.9, 0.25)
    a *= np.clip(grain, 0, 1)
    colour = np.array([(120, 40, 140), (170, 40, 50), (40, 60, 150)][int(rng.integers(3))], np.float32) / 255
    M = cv2.getRotationMatrix2D((cx, cy), rng.uniform(-30, 30), 1.0)
    a = cv2.warpAffine(a, M, (W, H))
    return img * (1 - a[..., None] * (1 - colour))


def turn(img, quarter):
    return np.ascontiguousarray(np.rot90(img, -quarter)) if quarter else img


def light(img, rng, depth):
    """Uneven light: a slope across the page and a bright spot, computed on a
    small grid and scaled up."""
    H, W = img.shape[:2]
    h, w = 64, 48
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    yy, xx = yy / h, xx / w
    a = rng.uniform(0, 2 * math.pi)
    ramp = (xx - 0.5) * math.cos(a) + (yy - 0.5) * math.sin(a)
    fx, fy = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)
    spot = np.exp(-((xx - fx) ** 2 + (yy - fy) ** 2) * rng.uniform(1.5, 3.5))
    gain = np.clip(1 - depth * (0.5 - ramp) * 0.7 - depth * 0.5 * (1 - spot), 0.25, 1.2).astype(np.float32)
    gain = cv2.resize(gain, (W, H), interpolation=cv2.INTER_LINEAR)
    if img.ndim == 3:
        gain = cv2.merge([gain, gain, gain])
    return cv2.multiply(img.astype(np.float32), gain)


def finish(img, rng, noise, blur, quality, grey):
    if blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if grey:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    grain = np.empty(img.shape[:2], np.float32)
    cv2.setRNGSeed(int(rng.integers(1 << 30)))
    cv2.randn(grain, 0.0, float(noise))
    img = img + (grain if grey else grain[..., None])
    img = np.clip(img, 0, 255).astype(np.uint8)
    pil = Image.fromarray(img)
    out = io.BytesIO()
    pil.save(out, "JPEG", quality=int(quality))
    return out.getvalue()


def degrade(img, geo, tier, rng):
    """Returns (jpeg bytes, quarter turns)."""
    img = img.astype(np.float32)
    H, W = img.shape[:2]
    quarter = 0
    if tier == "office":
        M = cv2.getRotationMatrix2D((W / 2, H / 2), rng.uniform(-1.5, 1.5), 1.0)
        M[:, 2] += rng.normal(0, 0.01 * W, 2)
        img = cv2.warpAffine(img, M, (W, H), flags=cv2.INTER_LINEAR, borderValue=(250, 250, 250))
        return finish(img, rng, rng.uniform(2, 5), rng.uniform(0, 0.6), rng.uniform(70, 90), True), quarter
    if tier == "bad":
        if rng.random() < 0.6:
            img = stamp(img, geo, rng)
        M = cv2.getRotationMatrix2D((W / 2, H / 2), rng.uniform(-4, 4), rng.uniform(0.97, 1.0))
        img = cv2.warpAffine(img, M, (W, H), flags=cv2.INTER_LINEAR, borderValue=(235, 235, 235))
        img = light(img, rng, rng.uniform(0.05, 0.25))
        quarter = int(rng.choice([0, 0, 0, 1, 2, 3]))
        img = turn(img, quarter)
        return finish(img, rng, rng.uniform(6, 12), rng.uniform(0.4, 0.9), rng.uniform(30, 50), rng.random() < 0.5), quarter
    # phone: the page lying on a table, photographed from above at an angle.
    fw, fh = int(W * rng.uniform(1.08, 1.2)), int(H * rng.uniform(1.06, 1.15))
    ox, oy = (fw - W) / 2, (fh - H) / 2
    j = 0.035
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = np.float32([[ox + rng.uniform(-j, j) * W, oy + rng.uniform(-j, j) * H],
                      [ox + W + rng.uniform(-j, j) * W, oy + rng.uniform(-j, j) * H],
                      [ox + W + rng.uniform(-j, j) * W, oy + H + rng.uniform(-j, j) * H],
                      [ox + rng.uniform(-j, j) * W, oy + H + rng.uniform(-j, j) * H]])
    table = [int(rng.uniform(60, 140)), int(rng.uniform(45, 110)), int(rng.uniform(30, 80))]
    frame = np.empty((fh, fw, 3), np.uint8)
    frame[:] = table
    P = cv2.getPerspectiveTransform(src, dst)
    cv2.warpPerspective(np.clip(img, 0, 255).astype(np.uint8), P, (fw, fh), dst=frame, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)
    img = light(frame, rng, rng.uniform(0.15, 0.45))
    img = cv2.multiply(img, np.array([1.0, rng.uniform(0.94, 1.0), rng.uniform(0.82, 0.95), 0.0]))  # warm indoor light
    quarter = int(rng.choice([0, 0, 0, 0, 1, 3, 2]))
    img = turn(img, quarter)
    return finish(img, rng, rng.uniform(3, 7), rng.uniform(0.5, 1.1), rng.uniform(60, 88), False), quarter


# ---------------------------------------------------------------- corpus

def make_page(job):
    opts, k, pages, layout = job
    seed = int(opts.get("--seed", "7"))
    rng = np.random.default_rng([seed, k, {"office": 1, "bad": 2, "phone": 3}[opts["--tier"]]])
    tier = opts["--tier"]
    letter_page = pages[k % len(pages)]
    dpi = int(rng.integers(200, 301)) if tier == "office" else int(rng.integers(150, 181)) if tier == "bad" \
        else int(rng.integers(200, 281))
    geo = Geometry(layout, dpi)
    with tempfile.TemporaryDirectory() as tmp:
        canvas = Canvas(render(opts["--pdf"], letter_page, dpi, tmp))
    styles = opts["--styles"].split(",") if opts.get("--styles") else STYLES
    ink = list(INKS)[int(rng.integers(len(INKS)))]
    n = len(geo.causes)
    if rng.random() < float(opts.get("--review-share", "0.06")):
        style = REVIEW_STYLES[int(rng.integers(2))]
        expect = "review"
        if style == "two_boxes":
            a, b = rng.choice(n, 2, replace=False)
            for i in (a, b):
                mark(canvas, geo, int(i), ["tick", "x", "circle"][int(rng.integers(3))], ink, rng)
    else:
        style = styles[int(rng.integers(len(styles)))]
        i = int(rng.integers(n))
        expect = geo.causes[i]["code"]
        mark(canvas, geo, i, style, ink, rng)
    data, quarter = degrade(canvas.img, geo, tier, rng)
    name = f"p{k + 1:04d}.jpg"
    with open(os.path.join(opts["--out"], name), "wb") as f:
        f.write(data)
    return [name, letter_page, expect, style, ink, dpi, quarter * 90]


def make(opts):
    os.makedirs(opts["--out"], exist_ok=True)
    layout = json.load(open(opts["--layout"]))
    pages = [int(p) for p, _ in csv.reader(open(opts["--letters"]))]
    jobs = [(opts, k, pages, layout) for k in range(int(opts["--pages"]))]
    with multiprocessing.Pool(int(opts.get("--jobs", "2"))) as pool:
        rows = pool.map(make_page, jobs, chunksize=2)
    with open(os.path.join(opts["--out"], "truth.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "letter_page", "expect", "style", "ink", "dpi", "turn"])
        w.writerows(rows)


def score(tier_dir, letters_csv):
    payload = {int(p): b for p, b in csv.reader(open(letters_csv))}
    truth = {r["file"]: r for r in csv.DictReader(open(os.path.join(tier_dir, "truth.csv")))}
    total = dict(pages=0, identified=0, wrong_letter=0, cause_right=0, wrong_cause=0, review=0, review_expected=0,
                 review_right=0)
    styles, inks, misses = {}, {}, []
    seen = set()
    for line in open(os.path.join(tier_dir, "cartero.jsonl")):
        r = json.loads(line)
        name = os.path.basename(r.get("file", ""))
        if name not in truth or name in seen:
            continue
        seen.add(name)
        t = truth[name]
        rows = [styles.setdefault(t["style"], dict(pages=0, right=0, wrong=0, review=0, wrong_letter=0)),
                inks.setdefault(t["ink"], dict(pages=0, right=0, wrong=0, review=0, wrong_letter=0))]
        total["pages"] += 1
        for st in rows:
            st["pages"] += 1
        if r.get("barcode"):
            if r["barcode"] == payload[int(t["letter_page"])]:
                total["identified"] += 1
            else:
                total["wrong_letter"] += 1
                for st in rows:
                    st["wrong_letter"] += 1
        if r.get("status") == "review":
            total["review"] += 1
            for st in rows:
                st["review"] += 1
        got = r.get("cause")
        if t["expect"] == "review":
            total["review_expected"] += 1
            ok = not got and r.get("status") == "review"
            total["review_right"] += ok
        else:
            ok = got == t["expect"]
            total["cause_right"] += ok
        bad = bool(got) and not ok
        total["wrong_cause"] += bad
        for st in rows:
            st["right"] += ok
            st["wrong"] += bad
        if not ok:
            misses.append(dict(file=name, expect=t["expect"], style=t["style"], ink=t["ink"], got=got or "",
                               status=r.get("status", ""), note=r.get("note", "")))
    total["missing"] = len(truth) - len(seen)
    total["styles"], total["inks"], total["misses"] = styles, inks, misses
    print(json.dumps(total))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) < 2 or sys.argv[1] != "make":
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    opts = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    for k in ("--pdf", "--layout", "--letters", "--tier", "--pages", "--out"):
        if k not in opts:
            print(f"courier_marks_ext.py: {k} is required", file=sys.stderr)
            sys.exit(1)
    make(opts)


if __name__ == "__main__":
    main()
