# `./dev bench postgresql [--scale F]`: import and select at 1,000,000
# accounts (x F) on PostgreSQL next to SQLite, in the same run, on the same
# generated files. The server is a throw-away one (tools/pg-test-server:
# loopback, fsync off), stopped at the end. Sourced by bench/run.

bench_postgresql() {
  local accounts payments letters
  accounts=$(n 1000000); payments=$(n 1200000); letters=$(n 200000)
  rm -rf "$WORK"; mkdir -p "$WORK/raw"
  echo "generating $accounts accounts, $payments payments, $letters prior letters…" >&2
  "$GEN" --accounts "$accounts" --payments "$payments" --letters "$letters" --cutoff "$CUTOFF" --seed 7 --out "$WORK/raw"

  export CARTERO_PG_DIR="$WORK/pg"
  trap '"$ROOT/tools/pg-test-server" stop' EXIT
  local server
  server=$("$ROOT/tools/pg-test-server" start)
  psql "$server" -qc "CREATE DATABASE cartero"
  local -A db=([sqlite]="$WORK/cartero.db" [postgresql]="${server%/*}/cartero")

  local -A imp
  for engine in sqlite postgresql; do
    for kind in accounts payments letters; do
      measure "$CARTERO" --db "${db[$engine]}" import "$kind" "$WORK/raw/$kind.csv"
      imp[$engine.$kind]=$SECS
    done
  done

  # select: three rounds, alternating engines.
  local -A sel mb
  for round in 1 2 3; do
    for engine in sqlite postgresql; do
      measure "$CARTERO" --db "${db[$engine]}" select --cutoff "$CUTOFF" \
        --out "$WORK/$engine-selected.csv" --explain "$WORK/$engine-excluded.csv"
      sel[$engine]="${sel[$engine]:-} $SECS"; mb[$engine]=$MB
    done
  done

  # Two analysts at once on PostgreSQL: wall time of both.
  local start end both
  start=$(date +%s.%N)
  "$CARTERO" --db "${db[postgresql]}" select --cutoff "$CUTOFF" --out "$WORK/a.csv" >"$WORK/a.json" 2>/dev/null &
  "$CARTERO" --db "${db[postgresql]}" select --cutoff "$CUTOFF" --out "$WORK/b.csv" >"$WORK/b.json" 2>/dev/null &
  wait
  end=$(date +%s.%N)
  both=$(python3 -c "print(f'{$end - $start:.2f}')")
  local concurrent=yes
  cmp -s "$WORK/a.csv" "$WORK/b.csv" && cmp -s "$WORK/a.csv" "$WORK/postgresql-selected.csv" || concurrent="NO"

  local same=yes
  cmp -s "$WORK/sqlite-selected.csv" "$WORK/postgresql-selected.csv" || same="NO (selection differs)"
  cmp -s "$WORK/sqlite-excluded.csv" "$WORK/postgresql-excluded.csv" || same="NO (reasons differ)"

  python3 - "$accounts" "$payments" "$letters" "$same" "$concurrent" "$both" "${mb[sqlite]}" "${mb[postgresql]}" \
    "${imp[sqlite.accounts]}" "${imp[sqlite.payments]}" "${imp[sqlite.letters]}" \
    "${imp[postgresql.accounts]}" "${imp[postgresql.payments]}" "${imp[postgresql.letters]}" \
    ${sel[sqlite]} ${sel[postgresql]} <<'PY'
import sys, statistics
a = sys.argv[1:]
accounts, payments, letters = (int(x) for x in a[0:3])
same, concurrent, both, mb_l, mb_p = a[3], a[4], float(a[5]), a[6], a[7]
il = [float(x) for x in a[8:11]]; ip = [float(x) for x in a[11:14]]
sl = [float(x) for x in a[14:17]]; sp = [float(x) for x in a[17:20]]
ml, mp = statistics.median(sl), statistics.median(sp)
print(f"| data | {accounts:,} accounts, {payments:,} payments, {letters:,} prior letters |")
print("|---|---|")
print(f"| import on SQLite (accounts / payments / letters) | {sum(il):.2f} s ({il[0]:.2f} / {il[1]:.2f} / {il[2]:.2f}) |")
print(f"| import on PostgreSQL (accounts / payments / letters) | {sum(ip):.2f} s ({ip[0]:.2f} / {ip[1]:.2f} / {ip[2]:.2f}) |")
print(f"| import ratio PostgreSQL / SQLite | {sum(ip) / sum(il):.2f} |")
print(f"| select on SQLite, median of 3 (runs) | {ml:.2f} s ({', '.join(f'{x:.2f}' for x in sl)}), {mb_l} MB |")
print(f"| select on PostgreSQL, median of 3 (runs) | {mp:.2f} s ({', '.join(f'{x:.2f}' for x in sp)}), {mb_p} MB |")
print(f"| select ratio PostgreSQL / SQLite (target <= 2) | {mp / ml:.2f} |")
print(f"| two selects at once on PostgreSQL, wall time of both | {both:.2f} s |")
print(f"| same selection and reasons on both engines | {same} |")
print(f"| the two concurrent drafts equal the single one | {concurrent} |")
PY
  machine
}
