# `./dev bench web [--scale F]`: the web UI's read calls under 64 concurrent
# clients and the 500-page scan upload, on a database of 1,000,000 accounts
# (x F) with 100,000 returns (x F) in the register and their cases. Sourced
# by bench/run. Everything stays under $WEB_WORK (default
# /tmp/cartero-bench-web); CARTERO_BENCH_WEB_REUSE=1 keeps the prepared
# database of an earlier run with the same scale (it is copied, never changed).

WEB_WORK=${CARTERO_BENCH_WEB_DIR:-/tmp/cartero-bench-web}
WEB_PASS=bench-web-2026

# The prepared database: portfolio, a dispatched batch, the courier's
# returns registered (and routed), the users; and the scans to upload.
web_prepare() {
  local base=$1 accounts=$2 returns=$3 spare=$4 pages=$5
  rm -rf "$base"; mkdir -p "$base/data"
  local db="$base/cartero.db"
  echo "web: generating and importing $accounts accounts…" >&2
  "$GEN" --accounts "$accounts" --payments $((accounts * 6 / 5)) --letters $((accounts / 5)) --cutoff "$CUTOFF" --seed 7 --out "$base/data"
  for kind in accounts payments letters; do "$CARTERO" --db "$db" import "$kind" "$base/data/$kind.csv" >/dev/null; done
  rm -rf "$base/data"
  echo "web: selecting, printing and dispatching $((returns + spare)) letters…" >&2
  "$CARTERO" --db "$db" select --cutoff "$CUTOFF" --max $((returns + spare)) --config "$ROOT/bench/one-person.json" >"$base/select.json"
  local batch
  batch=$(python3 -c "import json; print(json.load(open('$base/select.json'))['batch'])")
  # Parts of $spare letters: the last part holds the letters no courier
  # brought back, which the scans are made of.
  "$CARTERO" --db "$db" letters --batch "$batch" --out "$base/letters" --part-size "$spare" --date "$CUTOFF" >"$base/letters.json"
  "$CARTERO" --db "$db" dispatch --batch "$batch" --date "$CUTOFF" >/dev/null
  local last
  last=$(python3 -c "import json; print(json.load(open('$base/letters.json'))['parts'][-1]['file'])")
  # The courier's spreadsheet: every letter but the last part's, causes
  # written the courier's way, one in ten of each (as bench_returns).
  python3 - "$base/letters/manifest.csv" "$last" "$returns" "$(date -d "$CUTOFF +9 days" +%F)" >"$base/devoluciones.csv" <<'PY'
import csv, sys
manifest, last, count, day = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
causes = "DIRECCION INEXISTENTE,Dir. deficiente,DEMOLIDO,lote,Rehusado,Desconocido,NO RESIDE,Cerrado,Fallecido,Otro".split(",")
print("barcode;cause;returned_on;observation")
n = 0
for row in csv.DictReader(open(manifest, encoding="utf-8")):
    if row["file"] == last or n == count:
        continue
    print(f"{row['barcode']};{causes[n % 10]};{day};devuelta por el mensajero")
    n += 1
PY
  echo "web: registering $returns returns from the courier's spreadsheet…" >&2
  "$CARTERO" --db "$db" import returns "$base/devoluciones.csv" --user mensajeria >"$base/import-returns.json"
  for user in analista:analyst auxiliar:office terreno:field facturacion:billing admin:admin; do
    local name=${user%%:*} role=${user##*:} zones=()
    [ "$role" = field ] && zones=(--zones Z01)
    echo "$WEB_PASS" | "$CARTERO" --db "$db" user add "$name" --role "$role" "${zones[@]}" >/dev/null
  done
  echo "web: rendering $pages scanned pages, and 200 unmarked letters as one PDF for the closed-client run…" >&2
  "$BUILD/bench/cartero-gen-scans" --pdf "$base/letters/$last" --tier office --pages "$pages" --dpi 300 --seed 21 --out "$base/scans"
  # Letters the courier sent back without marking a cause: they go to review.
  mkdir -p "$base/unmarked"
  qpdf "$base/letters/$last" --pages . $((pages + 1))-$((pages + 200)) -- "$base/unmarked/p0001.pdf"
  rm -f "$base"/letters/letters-*.pdf
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  echo "$SCALE" >"$base/scale"
}

# Logs NAME in; prints "TOKEN CSRF".
web_login() {
  local port=$1 name=$2 out
  out=$(curl -sf -c "$WEB_WORK/jar-$name" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$name\",\"password\":\"$WEB_PASS\"}" "http://127.0.0.1:$port/api/login")
  echo "$(awk '$6 == "cartero_session" {print $7}' "$WEB_WORK/jar-$name") $(python3 -c "import json,sys; print(json.loads(sys.argv[1])['csrf'])" "$out")"
}

# Uploads the scans in DIR as multipart POSTs of at most 400 MB each (the
# server takes 512 MB at a time, as a browser's form would be split); prints
# the jobs' ids, one a line.
web_upload() {
  local port=$1 token=$2 csrf=$3 dir=$4 args=() size=0 f bytes
  post() {
    curl -sf -b "cartero_session=$token" -H "X-CSRF-Token: $csrf" "${args[@]}" "http://127.0.0.1:$port/api/scans" |
      python3 -c "import json,sys; print(json.load(sys.stdin)['job'])"
  }
  for f in "$dir"/p*; do
    bytes=$(stat -c %s "$f")
    if ((${#args[@]} && size + bytes > 400 * 1024 * 1024)); then post; args=(); size=0; fi
    local type=image/jpeg
    [ "${f##*.}" = pdf ] && type=application/pdf
    args+=(-F "files=@$f;type=$type"); size=$((size + bytes))
  done
  post
}

# Polls the jobs until none is running; prints their states as a JSON list.
web_wait() {
  local port=$1 token=$2 jobs states job
  jobs=$(cat)
  while :; do
    states="["
    for job in $jobs; do states+="$(curl -sf -b "cartero_session=$token" "http://127.0.0.1:$port/api/scans/$job"),"; done
    states="${states%,}]"
    python3 -c "import json,sys; sys.exit(any(j['state'] == 'running' for j in json.loads(sys.argv[1])))" "$states" && break
    sleep 0.5
  done
  echo "$states"
}

web_job() { curl -sf -b "cartero_session=$2" "http://127.0.0.1:$1/api/scans/$3"; }

bench_web() {
  local accounts returns spare=1000 pages
  accounts=$(n 1000000); returns=$(n 100000); pages=$(python3 -c "print(max(20, int(500 * $SCALE)))")
  local base="$WEB_WORK/base" run="$WEB_WORK/run"
  mkdir -p "$WEB_WORK"
  if [ "${CARTERO_BENCH_WEB_REUSE:-0}" = 1 ] && [ "$(cat "$base/scale" 2>/dev/null)" = "$SCALE" ]; then
    echo "web: reusing the database prepared in $base" >&2
  else
    web_prepare "$base" "$accounts" "$returns" "$spare" "$pages"
  fi
  rm -rf "$run" "$WEB_WORK"/jar-*; mkdir -p "$run"
  cp "$base/cartero.db" "$run/cartero.db"
  local db="$run/cartero.db" port=$((20000 + RANDOM % 20000))
  "$CARTERO" --db "$db" serve --port "$port" >"$run/serve.out" 2>"$run/serve.log" &
  local server=$!
  trap 'kill '"$server"' 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done

  # The 500-page upload, polled until done.
  read -r office_token office_csrf <<<"$(web_login "$port" auxiliar)"
  local t0 t1 t2 jobs state
  t0=$(date +%s.%N)
  jobs=$(web_upload "$port" "$office_token" "$office_csrf" "$base/scans")
  t1=$(date +%s.%N)
  state=$(web_wait "$port" "$office_token" <<<"$jobs")
  t2=$(date +%s.%N)
  echo "$state" >"$run/upload-jobs.json"
  local upload_row
  upload_row=$(python3 - "$state" "$pages" "$t0" "$t1" "$t2" "$(du -sm "$base/scans" | cut -f1)" <<'PY'
import json, sys
jobs = json.loads(sys.argv[1]); pages = int(sys.argv[2]); t0, t1, t2 = map(float, sys.argv[3:6]); mb = sys.argv[6]
n = {k: sum(j[k] for j in jobs) for k in ("pages", "recorded", "duplicate", "review", "unreadable")}
seen = n["recorded"] + n["duplicate"] + n["review"] + n["unreadable"]
ok = "yes" if seen == pages == n["pages"] and all(j["state"] == "done" for j in jobs) else "NO"
print(f"| upload of {pages} scanned pages (300 dpi JPEG, {mb} MB in {len(jobs)} multipart POSTs of at most 400 MB) | {t1 - t0:.1f} s to upload "
      f"(pages are read while the next POST is sent), {t2 - t1:.1f} s more: {pages / (t2 - t0):.1f} pages/s end to end | {n['recorded']} recorded + "
      f"{n['duplicate']} duplicate + {n['review']} review + {n['unreadable']} unreadable = {seen} of {pages} (all accounted for: {ok}) |")
PY
)

  # The polling client closes midway: only it is killed; the job goes on.
  local job
  job=$(web_upload "$port" "$office_token" "$office_csrf" "$base/unmarked")
  ( while :; do web_job "$port" "$office_token" "$job" >>"$run/poller.log"; echo >>"$run/poller.log"; sleep 0.3; done ) &
  local poller=$!
  sleep 1
  kill "$poller"; wait "$poller" 2>/dev/null || true
  local at_kill
  at_kill=$(tail -n 2 "$run/poller.log" | head -n 1)
  for _ in $(seq 1 600); do
    state=$(web_job "$port" "$office_token" "$job")
    python3 -c "import json,sys; sys.exit(json.loads(sys.argv[1])['state'] == 'running')" "$state" && break
    sleep 1
  done
  local closed_row
  closed_row=$(python3 - "$at_kill" "$state" <<'PY'
import json, sys
k = json.loads(sys.argv[1]) if sys.argv[1].strip() else {"pages": 0, "state": "?"}; j = json.loads(sys.argv[2])
seen = j["recorded"] + j["duplicate"] + j["review"] + j["unreadable"]
print(f"| polling client killed 1 s after uploading a 200-page PDF of letters with no cause marked | {k['pages']} pages read ({k['state']}) when it was killed | "
      f"later: {j['state']}, {j['pages']} pages, {seen} accounted for ({j['recorded']} recorded, {j['duplicate']} duplicate, {j['review']} review, {j['unreadable']} unreadable) |")
PY
)

  # Logins: PBKDF2 (200,000 rounds) on purpose; 2 clients, not a page's read.
  cat >"$run/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"analista","password":"$WEB_PASS"}'
LUA
  wrk -t1 -c2 -d10s --latency -s "$run/login.lua" "http://127.0.0.1:$port/api/login" >"$run/wrk-login.txt"

  local -A token
  for name in analista auxiliar terreno facturacion admin; do
    read -r tok _ <<<"$(web_login "$port" "$name")"
    token[$name]=$tok
  done
  local account
  account=$(sqlite3 "$db" "SELECT account_id FROM cases WHERE kind = 'field_check' AND zone = 'Z01' ORDER BY id LIMIT 1")
  # name|user|path: every GET a page makes.
  local calls=(
    "index.html (static)||/"
    "/api/me|analista|/api/me"
    "/api/causes|auxiliar|/api/causes"
    "/api/batches|analista|/api/batches"
    "/api/batches/1|analista|/api/batches/1"
    "/api/accounts/{id}|analista|/api/accounts/$account"
    "/api/review|auxiliar|/api/review"
    "/api/returns|auxiliar|/api/returns"
    "/api/returns?cause=refused|auxiliar|/api/returns?cause=refused"
    "/api/returns?zone=Z01&q=2026 (filters)|auxiliar|/api/returns?zone=Z01&q=2026"
    "/api/field/lists?zone=Z01&limit=100 (field)|terreno|/api/field/lists?zone=Z01&offset=0&limit=100"
    "/api/field/lists?zone=Z01&limit=100 (analyst)|analista|/api/field/lists?zone=Z01&offset=0&limit=100"
    "/api/billing/cases?limit=100|facturacion|/api/billing/cases?offset=0&limit=100"
    "/api/scans|auxiliar|/api/scans"
    "/api/zones|admin|/api/zones"
    "/api/settings|admin|/api/settings"
    "/api/audit|admin|/api/audit?limit=100"
    "/api/reports/batches|analista|/api/reports/batches"
    "/api/reports/cases|analista|/api/reports/cases"
    "/api/users|admin|/api/users"
  )
  local i=0 call label user path headers
  : >"$run/wrk-index.txt"
  for call in "${calls[@]}"; do
    IFS='|' read -r label user path <<<"$call"
    headers=(-H "Accept-Encoding: gzip")
    [ -n "$user" ] && headers+=(-H "Cookie: cartero_session=${token[$user]}")
    local bytes
    bytes=$(curl -s "${headers[@]}" -o "$run/body-$i" -w '%{http_code} %{size_download}' "http://127.0.0.1:$port$path")
    echo "web: $label ($bytes)" >&2
    wrk -t2 -c64 -d15s --latency "${headers[@]}" "http://127.0.0.1:$port$path" >"$run/wrk-$i.txt" 2>&1 || true
    printf '%s|%s|%s\n' "$label" "$run/wrk-$i.txt" "$bytes" >>"$run/wrk-index.txt"
    i=$((i + 1))
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT

  echo "| data | $accounts accounts, $(sqlite3 "$db" "SELECT COUNT(*) FROM letters") letters dispatched, $(sqlite3 "$db" "SELECT COUNT(*) FROM returns") returns in the register, $(sqlite3 "$db" "SELECT COUNT(*) FROM cases WHERE status = 'open' AND kind = 'field_check'") open field checks ($(sqlite3 "$db" "SELECT COUNT(*) FROM cases WHERE status = 'open' AND kind = 'field_check' AND zone = 'Z01'") in Z01), $(sqlite3 "$db" "SELECT COUNT(*) FROM cases WHERE status = 'open' AND kind <> 'field_check'") open billing cases |"
  echo "|---|---|---|"
  echo "$upload_row"
  echo "$closed_row"
  python3 "$ROOT/bench/wrk_table.py" "$run/wrk-index.txt" "$run/wrk-login.txt"
  machine
}
