#!/usr/bin/env python3
"""Scores one tier of the scanning benchmark: prints, space-separated, the
pages whose letter cartero identified, wrong letters, causes right, wrong
causes, pages sent to review, and the pages where zbarimg and ZXingReader
read the letter's payload. Usage: score_scans.py TIER_DIR LETTERS_CSV"""
import csv
import json
import os
import sys

tier, letters_csv = sys.argv[1], sys.argv[2]
payload = {int(p): b for p, b in csv.reader(open(letters_csv))}
truth = {r["file"]: r for r in csv.DictReader(open(os.path.join(tier, "truth.csv")))}
ident = wrong = right = wcause = review = 0
for line in open(os.path.join(tier, "cartero.jsonl")):
    r = json.loads(line)
    t = truth[os.path.basename(r["file"])]
    want = payload[int(t["letter_page"])]
    if r["barcode"]:
        if r["barcode"] == want:
            ident += 1
        else:
            wrong += 1
    if r["cause"]:
        if r["cause"] == t["cause"]:
            right += 1
        else:
            wcause += 1
    if r["status"] == "review":
        review += 1


def tool_reads(path, header_prefix):
    """Pages where a tool's output contains the page's payload."""
    reads, current, found = 0, None, set()
    text = open(path, errors="replace").read()
    if header_prefix:
        for block in text.split("== ")[1:]:
            name, _, body = block.partition("\n")
            if payload[int(truth[name.strip()]["letter_page"])] in body:
                reads += 1
        return reads
    for name, t in truth.items():
        if payload[int(t["letter_page"])] in text:
            reads += 1
    return reads


print(ident, wrong, right, wcause, review, tool_reads(os.path.join(tier, "zbar.txt"), False),
      tool_reads(os.path.join(tier, "zxing.txt"), True))
