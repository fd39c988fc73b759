#!/usr/bin/env bash
# ./dev bench effectiveness [--scale F]: `cartero report effectiveness` on a
# batch of a 1,000,000-account portfolio (x F) with 3,000,000 payments, the
# batch selected with a 10 % control group (every selected account), its
# letters dispatched, 60 % delivered and 10 % returned. Target (issue 17):
# the report in under 3 s. The letters are written straight into the letters
# table with sqlite3 from selected.csv (printing hundreds of thousands would
# measure the letter writer, not the report). The report's 90-day counts are
# checked against plain SQL on the same database.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CARTERO="$ROOT/build/app/cartero"
GEN="$ROOT/build/bench/cartero-gen-portfolio"
WORK=${CARTERO_BENCH_DIR:-/tmp/cartero-bench}/effectiveness
SCALE=${1:-1}
n() { python3 -c "print(int($1 * $SCALE))"; }
ACCOUNTS=$(n 1000000); PAYMENTS=$(n 3000000)
CUTOFF=2026-11-24; DISPATCH=2026-11-26

rm -rf "$WORK"; mkdir -p "$WORK/before" "$WORK/after"
DB="$WORK/cartero.db"
echo "generating $ACCOUNTS accounts and their payments before the cutoff…" >&2
"$GEN" --accounts "$ACCOUNTS" --letters 0 --cutoff "$CUTOFF" --seed 13 --clean --out "$WORK/before" >/dev/null
"$CARTERO" --db "$DB" import accounts "$WORK/before/accounts.csv" >/dev/null
"$CARTERO" --db "$DB" import payments "$WORK/before/payments.csv" >/dev/null
"$CARTERO" --db "$DB" select --cutoff "$CUTOFF" --control-group 10 --out "$WORK/selected.csv" >/dev/null

echo "writing the batch's letters as dispatched on $DISPATCH, deliveries and returns…" >&2
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
CREATE TEMP TABLE sel (rank INTEGER, account_id TEXT, holder_name TEXT, use_type TEXT, billing_type TEXT, balance INTEGER, days_past_due INTEGER);
.import --csv --skip 1 $WORK/selected.csv sel
BEGIN;
INSERT INTO letters (letter_id, batch_id, rank, account_id, document_id, holder_name, address, neighborhood, city,
                     zone, balance, days_past_due, barcode, issued_on, sent_on)
SELECT printf('2026-%06d', s.rank), 1, s.rank, a.account_id, a.document_id, a.holder_name, a.address, a.neighborhood,
       a.city, a.zone, a.balance, a.days_past_due, printf('2026-%06d-0', s.rank), '$CUTOFF', '$DISPATCH'
FROM sel s JOIN accounts a ON a.account_id = s.account_id;
UPDATE batches SET status = 'dispatched', dispatched_on = '$DISPATCH' WHERE id = 1;
INSERT INTO deliveries (letter_id, delivered_on, recorded_at, source)
SELECT letter_id, date(sent_on, '+6 days'), '2026-12-01T12:00:00Z', 'bench' FROM letters WHERE rank % 10 < 6;
INSERT INTO returns (return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, source)
SELECT rank, letter_id, CASE WHEN rank % 20 = 9 THEN 'moved' ELSE 'nonexistent_address' END, '', date(sent_on, '+9 days'),
       '2026-12-01T12:00:00Z', 'bench', 'courier'
FROM letters WHERE rank % 10 = 9;
COMMIT;
SQL

echo "generating $PAYMENTS payments up to 2027-03-01 and importing them…" >&2
"$GEN" --accounts "$ACCOUNTS" --payments "$PAYMENTS" --letters 0 --cutoff 2027-03-01 --seed 17 --clean --out "$WORK/after" >/dev/null
"$CARTERO" --db "$DB" import payments "$WORK/after/payments.csv" >/dev/null

measure() {
  /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" \
    || { echo "bench: failed: $*" >&2; cat "$WORK/err.txt" >&2; exit 1; }
  read -r SECS KB < "$WORK/time.txt"; MB=$((KB / 1024))
}
RUNS=()
for round in 1 2 3; do
  measure "$CARTERO" --db "$DB" report effectiveness --batch 1 --days 30,60,90
  RUNS+=("$SECS")
done
cp "$WORK/out.txt" "$WORK/report.json"
measure "$CARTERO" --db "$DB" report effectiveness --batch 1 --days 30,60,90 --csv "$WORK/report.csv"
CSV_S=$SECS

# The mailed side's 90-day figures in plain SQL (the control group's
# reasons are stored packed in chunks, out of SQL's reach).
sqlite3 -separator ' ' "$DB" > "$WORK/sql.txt" <<SQL
CREATE TEMP TABLE m AS SELECT DISTINCT account_id FROM letters WHERE batch_id = 1 AND sent_on IS NOT NULL;
CREATE UNIQUE INDEX temp.m_id ON m (account_id);
CREATE TEMP TABLE w AS SELECT account_id, amount FROM payments
  WHERE amount > 0 AND paid_on > '$DISPATCH' AND paid_on <= date('$DISPATCH', '+90 days');
SELECT (SELECT COUNT(*) FROM m), COUNT(DISTINCT w.account_id), SUM(w.amount) FROM w JOIN m ON m.account_id = w.account_id;
SQL

python3 - "$WORK/report.json" "$WORK/sql.txt" "$ACCOUNTS" "$PAYMENTS" "$MB" "$CSV_S" "${RUNS[@]}" <<'PY'
import json, statistics, sys
report = json.load(open(sys.argv[1]))
sql = [int(x) for x in open(sys.argv[2]).read().split()]
accounts, payments, mb, csv_s = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
runs = [float(x) for x in sys.argv[7:]]
w90 = [w for w in report["windows"] if w["days"] == 90][0]
m, c, lift = w90["mailed"], w90["control"], w90["lift"]
same = (m["accounts"], m["paid"], m["pesos"]) == tuple(sql)
print(f"| portfolio | {accounts:,} accounts, {payments:,} payments; batch: {m['accounts']:,} mailed, {c['accounts']:,} control |")
print(f"| cartero report effectiveness (30/60/90 days, segments), median of 3 (target < 3 s) | {statistics.median(runs):.2f} s ({', '.join(f'{r:.2f}' for r in runs)}); peak {mb} MB |")
print(f"| the same with --csv | {csv_s} s |")
print(f"| 90 days: mailed share / control share / lift [95 % CI] | {m['share']:.4f} / {c['share']:.4f} / {lift['share']:+.4f} [{lift['ci95'][0]:+.4f}, {lift['ci95'][1]:+.4f}] |")
print(f"| mailed accounts, paid, pesos equal to plain SQL | {'yes' if same else 'NO ' + str(sql)} |")
print(f"| segments | {len(report['segments'])} |")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
