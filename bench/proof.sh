#!/usr/bin/env bash
# ./dev bench proof [--scale F]: `cartero report bureau` on 1,000,000 accounts,
# 3,000,000 payments and 500,000 dispatched letters (x F), half of them
# admitted by the courier, 40 % delivered and 10 % returned; and one
# certificate of a letter printed for real (archived page rendered, proof of
# delivery embedded). Targets (issue 18): report < 3 s, certificate < 0.5 s.
# The 500,000 letters are written straight into the letters table with
# sqlite3 (printing them would measure the letter writer, not the report).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CARTERO="$ROOT/build/app/cartero"
GEN="$ROOT/build/bench/cartero-gen-portfolio"
WORK=${CARTERO_BENCH_DIR:-/tmp/cartero-bench}/proof
SCALE=${1:-1}
n() { python3 -c "print(int($1 * $SCALE))"; }
ACCOUNTS=$(n 1000000); PAYMENTS=$(n 3000000); LETTERS=$(n 500000)
CUTOFF=2026-11-24

rm -rf "$WORK"; mkdir -p "$WORK/data" "$WORK/proofs"
DB="$WORK/cartero.db"
echo "generating $ACCOUNTS accounts and $PAYMENTS payments…" >&2
"$GEN" --accounts "$ACCOUNTS" --payments "$PAYMENTS" --letters 0 --cutoff "$CUTOFF" --seed 11 --clean --out "$WORK/data" >/dev/null
"$CARTERO" --db "$DB" import accounts "$WORK/data/accounts.csv" >/dev/null
"$CARTERO" --db "$DB" import payments "$WORK/data/payments.csv" >/dev/null

# A real batch of 200 letters, printed, archived, dispatched and admitted.
"$CARTERO" --db "$DB" select --cutoff "$CUTOFF" --max 200 --config "$ROOT/bench/one-person.json" >/dev/null
"$CARTERO" --db "$DB" letters --batch 1 --out "$WORK/letters" --date "$CUTOFF" >/dev/null
"$CARTERO" --db "$DB" dispatch --batch 1 --date 2026-11-25 >/dev/null
printf 'guia,letter_id,admitted_on\nRA000000001CO,2026-000001,2026-11-26\n' > "$WORK/adm.csv"
"$CARTERO" --db "$DB" import admissions "$WORK/adm.csv" >/dev/null
cp "$WORK/letters/letters-001.pdf" "$WORK/proofs/RA000000001CO.pdf"
"$CARTERO" --db "$DB" import proofs "$WORK/proofs" >/dev/null

echo "writing $LETTERS dispatched letters, admissions, deliveries and returns…" >&2
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO letters (letter_id, batch_id, rank, account_id, document_id, holder_name, address, neighborhood, city,
                     zone, balance, days_past_due, barcode, issued_on, sent_on)
SELECT printf('2026-%06d', 100000 + n), 1, 1000 + n, account_id, document_id, holder_name, address, neighborhood,
       city, zone, balance, days_past_due, printf('2026-%06d-0', 100000 + n), '2026-10-01',
       CASE WHEN n % 3 = 0 THEN '2026-10-05' WHEN n % 3 = 1 THEN '2026-10-19' ELSE '2026-11-02' END
FROM (SELECT row_number() OVER (ORDER BY account_id) AS n, * FROM accounts
      WHERE account_id NOT IN (SELECT account_id FROM letters) LIMIT $LETTERS);
INSERT INTO letter_admissions (letter_id, guia, admitted_on, recorded_at, recorded_by)
SELECT letter_id, 'RB' || substr(letter_id, 6) || 'CO', date(sent_on, '+1 day'), '2026-11-30T12:00:00Z', 'bench'
FROM letters WHERE rank % 2 = 0 AND rank > 1000;
INSERT INTO deliveries (letter_id, delivered_on, recorded_at, source)
SELECT letter_id, date(sent_on, '+6 days'), '2026-11-30T12:00:00Z', 'bench' FROM letters WHERE rank % 10 < 4 AND rank > 1000;
INSERT INTO returns (return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, source)
SELECT 100000 + rank, letter_id, 'moved', '', date(sent_on, '+9 days'), '2026-11-30T12:00:00Z', 'bench', 'courier'
FROM letters WHERE rank % 10 = 9 AND rank > 1000;
COMMIT;
SQL

measure() {
  /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" \
    || { echo "bench: failed: $*" >&2; cat "$WORK/err.txt" >&2; exit 1; }
  read -r SECS KB < "$WORK/time.txt"; MB=$((KB / 1024))
}
measure "$CARTERO" --db "$DB" report bureau --as-of 2026-12-20
REPORT_S=$SECS; REPORT_MB=$MB; REPORTABLE=$(wc -l < "$WORK/out.txt")
measure "$CARTERO" --db "$DB" certificate 2026-000001 --out "$WORK/cert.pdf"
CERT_S=$SECS
grep -q '"page_verified":true' "$WORK/out.txt" || { echo "bench: the certificate did not show the archived page" >&2; exit 1; }
measure "$CARTERO" --db "$DB" certificate verify "$WORK/cert.pdf"
VERIFY_S=$SECS

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "portfolio: $ACCOUNTS accounts, $PAYMENTS payments, $LETTERS letters (+200 printed)"
printf '%-44s %8s %10s\n' "what" "seconds" "peak MB"
printf '%-44s %8s %10s\n' "report bureau ($REPORTABLE reportable accounts)" "$REPORT_S" "$REPORT_MB"
printf '%-44s %8s %10s\n' "certificate (archived page, proof embedded)" "$CERT_S" "-"
printf '%-44s %8s %10s\n' "certificate verify" "$VERIFY_S" "-"
