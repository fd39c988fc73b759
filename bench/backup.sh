#!/usr/bin/env bash
# ./dev bench backup [SCALE]: `cartero backup` of 1,000,000 accounts,
# 100,000 returns and their scanned images (x SCALE) while `cartero serve`
# answers a probe twice a second; then `backup verify` and `restore`.
# Target (issue 12): the backup in under 60 s while serving. The peer in the
# same run: what an administrator would type by hand — sqlite3's .backup,
# cp -r of the files and sha256sum of every file — which has no manifest,
# no row counts and no check.
# Images: 40 KB of incompressible bytes each (a bilevel G4 TIFF of a letter
# at 200 dpi weighs about that), stored by content hash as the intake does.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CARTERO="$ROOT/build/app/cartero"
GEN="$ROOT/build/bench/cartero-gen-portfolio"
WORK=${CARTERO_BENCH_DIR:-/tmp/cartero-bench}/backup
SCALE=${1:-1}
n() { python3 -c "print(int($1 * $SCALE))"; }
ACCOUNTS=$(n 1000000); RETURNS=$(n 100000)
CUTOFF=2026-11-24

DB="$WORK/cartero.db"
# The portfolio is kept between runs of the same scale (it takes minutes to make).
if [ -f "$WORK/ready-$SCALE" ]; then
  echo "backup: reusing the portfolio in $WORK" >&2
  rm -rf "$WORK/copia" "$WORK/peer-files" "$WORK/peer.db" "$WORK"/restaurada.db*
else
rm -rf "$WORK"; mkdir -p "$WORK/data"
echo "backup: generating and importing $ACCOUNTS accounts…" >&2
"$GEN" --accounts "$ACCOUNTS" --payments "$ACCOUNTS" --letters 0 --cutoff "$CUTOFF" --seed 5 --clean --out "$WORK/data" >/dev/null
"$CARTERO" --db "$DB" import accounts "$WORK/data/accounts.csv" >/dev/null
"$CARTERO" --db "$DB" import payments "$WORK/data/payments.csv" >/dev/null
rm -rf "$WORK/data"

echo "backup: writing $RETURNS letters, returns and scanned images…" >&2
mkdir -p "$DB.files/scans"
python3 - "$DB.files/scans" "$RETURNS" >"$WORK/scans.sql" <<'PY'
import hashlib, os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    data = os.urandom(40 * 1024)
    sha = hashlib.sha256(data).hexdigest()
    with open(os.path.join(folder, sha + ".tif"), "wb") as f:
        f.write(data)
    print(f"INSERT INTO scan_files VALUES ('{sha}', 'devolucion-{i}.tif', 'scans/{sha}.tif', {len(data)}, '2026-11-30T12:00:00Z');")
PY
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
.read $WORK/scans.sql
INSERT INTO letters (letter_id, batch_id, rank, account_id, document_id, holder_name, address, neighborhood, city,
                     zone, balance, days_past_due, barcode, issued_on, sent_on)
SELECT printf('2026-%06d', n), 1, n, account_id, document_id, holder_name, address, neighborhood,
       city, zone, balance, days_past_due, printf('2026-%06d-0', n), '2026-10-01', '2026-10-05'
FROM (SELECT row_number() OVER (ORDER BY account_id) AS n, * FROM accounts LIMIT $RETURNS);
INSERT INTO returns (return_id, letter_id, cause, observation, returned_on, registered_at, registered_by, source)
SELECT rank, letter_id, 'moved', '', '2026-10-14', '2026-11-30T12:00:00Z', 'bench', 'scan' FROM letters;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
rm -f "$WORK/scans.sql"
echo "bench-backup-2026" | "$CARTERO" --db "$DB" user add admin --role admin >/dev/null
touch "$WORK/ready-$SCALE"
fi

# The server, and a probe twice a second for as long as the backup runs.
"$CARTERO" --db "$DB" serve --port 0 >"$WORK/url.txt" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/url.txt" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/url.txt")
probe() {
  while :; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${URL}api/labels" >>"$WORK/probe.txt" || echo "000 0" >>"$WORK/probe.txt"
    sleep 0.5
  done
}
: >"$WORK/probe.txt"
probe & PROBE=$!

measure() {
  /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" \
    || { echo "bench: failed: $*" >&2; cat "$WORK/err.txt" >&2; exit 1; }
  read -r SECS KB < "$WORK/time.txt"; MB=$((KB / 1024))
}
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
measure "$CARTERO" --db "$DB" backup --out "$WORK/copia"
BACKUP_S=$SECS; BACKUP_MB=$MB
kill $PROBE; wait $PROBE 2>/dev/null || true
PROBES=$(wc -l <"$WORK/probe.txt"); PROBE_OK=$(grep -c '^200 ' "$WORK/probe.txt" || true)
PROBE_MAX=$(sort -k2 -g "$WORK/probe.txt" | tail -1 | cut -d' ' -f2)
FILES=$(python3 -c "import json; print(json.load(open('$WORK/out.txt'))['files'])")
GB=$(du -sm "$WORK/copia" | cut -f1)

# The peer: by hand, no manifest, no counts, no check.
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
measure bash -c "sqlite3 '$DB' \".backup '$WORK/peer.db'\" && cp -r '$DB.files' '$WORK/peer-files' && find '$WORK/peer-files' -type f -print0 | xargs -0 sha256sum > '$WORK/peer.sha'"
PEER_S=$SECS
kill $SERVER; wait $SERVER 2>/dev/null || true

measure "$CARTERO" backup verify "$WORK/copia"
VERIFY_S=$SECS
measure "$CARTERO" restore "$WORK/copia" --db "$WORK/restaurada.db"
RESTORE_S=$SECS
grep -q '"ok":true' "$WORK/out.txt" || { echo "bench: the restore does not match its manifest" >&2; cat "$WORK/out.txt" >&2; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "database: $ACCOUNTS accounts, $ACCOUNTS payments, $RETURNS letters and returns; $FILES kept files; backup ${GB} MB"
printf '%-52s %8s %10s\n' "what" "seconds" "peak MB"
printf '%-52s %8s %10s\n' "cartero backup (while serving)" "$BACKUP_S" "$BACKUP_MB"
printf '%-52s %8s %10s\n' "peer: sqlite3 .backup + cp -r + sha256sum" "$PEER_S" "-"
printf '%-52s %8s %10s\n' "cartero backup verify" "$VERIFY_S" "-"
printf '%-52s %8s %10s\n' "cartero restore (checked against the manifest)" "$RESTORE_S" "-"
echo "probe during the backup: $PROBE_OK of $PROBES answered 200, slowest ${PROBE_MAX} s"
python3 -c "print('ratio backup / peer: %.2f' % ($BACKUP_S / max($PEER_S, 0.01)))"
rm -rf "$WORK/copia" "$WORK/peer-files" "$WORK/peer.db" "$WORK"/restaurada.db*
