#!/usr/bin/env bash
# Measures every speed goal of tafel next to its floor, measured in the same run on the
# same machine, and prints one PASS/FAIL line per goal. Exit status 1 if any goal fails.
#
#   scripts/bench.sh              # 10,000 sessions
#   SESSIONS=2000 scripts/bench.sh
#
# Floors: a minimal ratatui app (examples/baseline.rs), /bin/true, `cat` over the session
# files, and the textbook durable write and a bare write + fsync of the same bytes (in
# benches/frames.rs). Needs python3 and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

SESSIONS="${SESSIONS:-10000}"
RUNS="${RUNS:-15}"
SIZE="200x60"
WORK="target/bench-work"

echo "== building (release)"
cargo build --release --quiet --features hooks --bin tafel --example baseline --example make_library
cargo bench --quiet --features hooks --bench frames --no-run 2>/dev/null

TAFEL=target/release/tafel
BASELINE=target/release/examples/baseline
rm -rf "$WORK"
mkdir -p "$WORK"
DATA="$WORK/library"
EMPTY="$WORK/empty"

echo "== writing a library of $SESSIONS sessions (copies of the demo cases)"
SIZES=$(target/release/examples/make_library "$SESSIONS" "$DATA")
size_of() { echo "$SIZES" | awk -v k="$1" '$1 == k { print $2 }'; }
SDIR="$DATA/sessions"
BYTES=$(du -sb "$SDIR" | cut -f1)
echo "   $(ls "$SDIR" | grep -c '\.json$') files, $((BYTES / 1024 / 1024)) MB"

# Warm the page cache, so every measurement reads from memory like `cat` does.
cat "$SDIR"/*.json > /dev/null
"$TAFEL" --data-dir "$DATA" list > /dev/null # builds the index

command -v /usr/bin/time > /dev/null || {
    echo "scripts/bench.sh needs GNU time for peak memory: apt-get install time" >&2
    exit 2
}
# pty_time.py interleaves the commands it is given, so noise hits them alike.
pty() { python3 scripts/pty_time.py "$RUNS" "$SIZE" "$@"; }
line() { sed -n "${1}p"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
# peak memory in KB (median of 5 runs) of a command in the pty, measured by GNU time
mem() {
    local out="$WORK/mem.txt"
    rm -f "$out"
    python3 scripts/pty_time.py 5 "$SIZE" "$@" > /dev/null
    sort -n "$out" | sed -n 3p
}

echo "== start-up in a $SIZE pseudo-terminal (median of $RUNS interleaved runs)"
START=$(pty -- /bin/true \
    :: -- "$BASELINE" \
    :: TAFEL_BENCH_QUIT=first-frame -- "$TAFEL" --data-dir "$DATA" \
    :: TAFEL_BENCH_QUIT=first-frame -- "$TAFEL" --data-dir "$EMPTY")
TRUE=$(echo "$START" | line 1)
BASE=$(echo "$START" | line 2)
FIRST=$(echo "$START" | line 3)
EMPTYRUN=$(echo "$START" | line 4)

echo "== the library against cat (median of $RUNS interleaved runs)"
# With the index (written by `tafel list` above): tafel and cat take turns.
LIB=$(pty TAFEL_BENCH_QUIT=loaded -- "$TAFEL" --data-dir "$DATA" \
    :: -- sh -c "exec cat '$SDIR'/*.json > /dev/null" \
    :: -- sh -c "exec /bin/true")
LOADED=$(echo "$LIB" | line 1)
CAT=$(echo "$LIB" | line 2)
SH_ONLY=$(echo "$LIB" | line 3)
# Without the index: every run deletes it first (and quits once the list is complete).
LIB=$(pty TAFEL_BENCH_QUIT=loaded -- sh -c "rm -f '$SDIR/.index.jsonl'; exec '$TAFEL' --data-dir '$DATA'" \
    :: -- sh -c "rm -f '$WORK/none'; exec /bin/true" \
    :: -- sh -c "exec cat '$SDIR'/*.json > /dev/null" \
    :: -- sh -c "exec /bin/true")
REBUILD=$(echo "$LIB" | line 1)
RM_ONLY=$(echo "$LIB" | line 2)
CAT2=$(echo "$LIB" | line 3)
SH_ONLY2=$(echo "$LIB" | line 4)
"$TAFEL" --data-dir "$DATA" list > /dev/null # the index again

echo "== the portfolio against cat (median of $RUNS interleaved runs)"
# Warm: the figures cache is there (each rebuild run below writes it again). Rebuild: every
# run deletes it first. The bench library's sessions are demo copies, hence --include-demo.
PORTFOLIO="'$TAFEL' --data-dir '$DATA' portfolio --include-demo --format json > /dev/null"
"$TAFEL" --data-dir "$DATA" portfolio --include-demo --format json > /dev/null
PF=$(pty -- sh -c "exec $PORTFOLIO" \
    :: -- sh -c "rm -f '$SDIR/.figures.bin'; exec $PORTFOLIO" \
    :: -- sh -c "rm -f '$WORK/none'; exec /bin/true" \
    :: -- sh -c "exec cat '$SDIR'/*.json > /dev/null" \
    :: -- sh -c "exec /bin/true")
PF_WARM=$(echo "$PF" | line 1)
PF_REBUILD=$(echo "$PF" | line 2)
PF_RM_ONLY=$(echo "$PF" | line 3)
CAT3=$(echo "$PF" | line 4)
SH_ONLY3=$(echo "$PF" | line 5)
# For information: the CPU time (user + sys, median of 5) of a rebuild and of cat. Wall
# time on two shared cores punishes work spread over both (cat uses one): the CPU time
# says how much work each is, whatever else runs.
cpu() {
    local out="$WORK/cpu.txt"
    rm -f "$out"
    for _ in 1 2 3 4 5; do
        /usr/bin/time -a -f "%U %S" -o "$out" sh -c "$1" > /dev/null
    done
    awk '{print $1 + $2}' "$out" | sort -n | sed -n 3p
}
PF_REBUILD_CPU=$(cpu "rm -f '$SDIR/.figures.bin'; exec $PORTFOLIO")
CAT_CPU=$(cpu "exec cat '$SDIR'/*.json > /dev/null")
"$TAFEL" --data-dir "$DATA" portfolio --include-demo --format json > /dev/null
# For information: DuckDB over the same files (scripts/portfolio_duckdb.sql), once, and
# whether its per-payer totals are tafel's at listed prices.
DUCK="not measured: python3 -m pip install duckdb"
if python3 -c "import duckdb" 2> /dev/null; then
    "$TAFEL" --data-dir "$DATA" portfolio --include-demo --price-year nominal --format json > "$WORK/pf-nominal.json"
    DUCK=$(python3 - "$SDIR" "$WORK/pf-nominal.json" << 'PY'
import json, sys, time
import duckdb
sql = open("scripts/portfolio_duckdb.sql").read().replace("DIR", sys.argv[1])
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
start = time.perf_counter()
rows = con.execute(sql).fetchall()
took = (time.perf_counter() - start) * 1000
tafel = sorted(
    (p["project"], x["payer_id"], x["intervention_cents"], x["alternative_cents"])
    for p in json.load(open(sys.argv[2]))["projects"]
    for x in p["per_payer"]
)
same = "the same" if sorted(tuple(r) for r in rows) == tafel else "NOT the same"
print(f"{took:.0f} ms, per-payer totals {same} as tafel's ({len(rows)} rows)")
PY
)
fi

echo "== an encrypted copy of the library (tafel encrypt, one key)"
ENC="$WORK/library-encrypted"
KEYS="$WORK/keys"
PASS="$WORK/passphrase"
echo "bench passphrase" > "$PASS"
cp -a "$DATA" "$ENC"
# A key with a low scrypt work factor (hooks builds only): the library is what is timed
# here; unlocking a key made with age's own work factor is timed once below.
TAFEL_TEST_SCRYPT_LOG_N=10 "$TAFEL" --keys-dir "$KEYS" --passphrase-file "$PASS" keys init > /dev/null 2>&1
KEYARGS=(--keys-dir "$KEYS" --passphrase-file "$PASS")
T0=$(date +%s%N)
"$TAFEL" --data-dir "$ENC" "${KEYARGS[@]}" encrypt > /dev/null
ENCRYPT_S=$(python3 -c "print(round(($(date +%s%N) - $T0) / 1e9, 1))")
cat "$ENC"/sessions/*.json > /dev/null
LIBENC=$(pty TAFEL_BENCH_QUIT=loaded -- "$TAFEL" --data-dir "$ENC" "${KEYARGS[@]}" \
    :: TAFEL_BENCH_QUIT=loaded -- "$TAFEL" --data-dir "$DATA")
ENC_LOADED=$(echo "$LIBENC" | line 1)
PLAIN_LOADED=$(echo "$LIBENC" | line 2)
# Unlocking a key made with age's own scrypt work factor (about a second by design, asked
# once per start), once, on an empty encrypted library.
REALKEYS="$WORK/keys-real"
"$TAFEL" --keys-dir "$REALKEYS" --passphrase-file "$PASS" keys init > /dev/null 2>&1
"$TAFEL" --data-dir "$WORK/empty-encrypted" --keys-dir "$REALKEYS" --passphrase-file "$PASS" encrypt > /dev/null
T0=$(date +%s%N)
"$TAFEL" --data-dir "$WORK/empty-encrypted" --keys-dir "$REALKEYS" --passphrase-file "$PASS" list > /dev/null
UNLOCK_MS=$(python3 -c "print(round(($(date +%s%N) - $T0) / 1e6))")

echo "== peak memory (GNU time, median of 5)"
T="/usr/bin/time -a -f %M -o $WORK/mem.txt"
MEM_BASE=$(mem -- $T "$BASELINE")
MEM_FIRST=$(mem TAFEL_BENCH_QUIT=first-frame -- $T "$TAFEL" --data-dir "$DATA")
MEM_LOADED=$(mem TAFEL_BENCH_QUIT=loaded -- $T "$TAFEL" --data-dir "$DATA")

echo "   /bin/true                         $TRUE"
echo "   minimal ratatui app               $BASE   peak ${MEM_BASE} KB"
echo "   tafel, first frame (10k library)  $FIRST   peak ${MEM_FIRST} KB"
echo "   tafel, first frame (empty)        $EMPTYRUN"
echo "   tafel, library read + drawn       $LOADED   peak ${MEM_LOADED} KB"
echo "   tafel, same without the index     $REBUILD"
echo "   sh -c 'rm -f x; exec true'        $RM_ONLY"
echo "   cat of every session file         $CAT   (beside the rebuild: $CAT2)"
echo "   sh -c true (subtracted from cat)  $SH_ONLY   (beside the rebuild: $SH_ONLY2)"
echo "   library read + drawn, encrypted   $ENC_LOADED"
echo "   the same, plain, beside it        $PLAIN_LOADED"
echo "   portfolio, figures cache warm     $PF_WARM"
echo "   portfolio, cache rebuilt          $PF_REBUILD"
echo "   cat beside the portfolio          $CAT3   (sh -c true: $SH_ONLY3, rm: $PF_RM_ONLY)"

echo "== cargo bench --bench frames"
BENCH_OUT="$WORK/frames.txt"
TAFEL_BENCH_SESSIONS="$SESSIONS" cargo bench --quiet --features hooks --bench frames 2>/dev/null | tee "$BENCH_OUT"
b() { awk -v n="$1" '$1 == n { print $2 }' "$BENCH_OUT"; }

FAILED=0
# goal NAME MEASURED FLOOR LIMIT UNIT: PASS when MEASURED / FLOOR <= LIMIT.
goal() {
    local verdict
    verdict=$(python3 -c "import sys; m,f,l=map(float,sys.argv[1:4]); print('PASS' if m/f <= l else 'FAIL', f'{m/f:.2f}')" "$2" "$3" "$4")
    printf '%-4s %-58s %10s vs %10s %-3s = %5sx (limit %sx)\n' \
        "${verdict% *}" "$1" "$2" "$3" "$5" "${verdict#* }" "$4"
    [[ $verdict == PASS* ]] || FAILED=1
}
# limit NAME MEASURED MAX UNIT: PASS when MEASURED <= MAX.
limit() {
    local verdict
    verdict=$(python3 -c "import sys; m,l=map(float,sys.argv[1:3]); print('PASS' if m <= l else 'FAIL')" "$2" "$3")
    printf '%-4s %-58s %10s %-3s (limit %s %s)\n' "$verdict" "$1" "$2" "$4" "$3" "$4"
    [[ $verdict == PASS ]] || FAILED=1
}
ms() { echo "$1" | field median_ms; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
# cat's own time, without starting sh; tafel's rebuild without starting sh and rm.
CAT_MS=$(python3 -c "print(round(max(0.01, $(ms "$CAT") - $(ms "$SH_ONLY") + $(ms "$TRUE")), 2))")
CAT2_MS=$(python3 -c "print(round(max(0.01, $(ms "$CAT2") - $(ms "$SH_ONLY2") + $(ms "$TRUE")), 2))")
REBUILD_MS=$(python3 -c "print(round($(ms "$REBUILD") - $(ms "$RM_ONLY") + $(ms "$TRUE"), 2))")
CAT3_MS=$(python3 -c "print(round(max(0.01, $(ms "$CAT3") - $(ms "$SH_ONLY3") + $(ms "$TRUE")), 2))")
PF_WARM_MS=$(python3 -c "print(round($(ms "$PF_WARM") - $(ms "$SH_ONLY3") + $(ms "$TRUE"), 2))")
PF_REBUILD_MS=$(python3 -c "print(round($(ms "$PF_REBUILD") - $(ms "$PF_RM_ONLY") + $(ms "$TRUE"), 2))")

echo
echo "== goals ($SESSIONS sessions, $((BYTES / 1024 / 1024)) MB; floors measured in this run)"
goal "first frame of tafel on the library vs minimal ratatui app" "$(ms "$FIRST")" "$(ms "$BASE")" 1.5 ms
goal "library of $SESSIONS opened + drawn, with index, vs cat" "$(ms "$LOADED")" "$CAT_MS" 0.3 ms
goal "library of $SESSIONS opened + drawn, index rebuilt, vs cat" "$REBUILD_MS" "$CAT2_MS" 0.7 ms
goal "portfolio --format json of $SESSIONS, figures cache warm, vs cat" "$PF_WARM_MS" "$CAT3_MS" 0.2 ms
goal "portfolio --format json of $SESSIONS, cache rebuilt, vs cat" "$PF_REBUILD_MS" "$CAT3_MS" 1.3 ms
for phase in Preparation LookingBack Outcomes Alternative Costs WrapUp; do
    limit "keystroke to frame, $phase 200x60 (15% of 16.7 ms)" "$(b frame.key.$phase.200x60)" 2505 us
done
goal "keystroke frame with a 50 KB note vs a 2 KB note (200x60)" "$(b frame.key.note50k.200x60)" "$(b frame.key.note2k.200x60)" 1.5 us
limit "opening one session ($(b session.size) bytes)" "$(b session.open)" 5000 us
limit "largest demo session file" "$(size_of largest_demo_session_bytes)" 30720 B
goal "$SESSIONS session files vs the same before compact files" "$(size_of bytes_written)" "$(size_of bytes_old_layout)" 0.25 B
goal "autosave write vs the textbook durable write (same bytes, same folder)" "$(b session.write_atomic)" "$(b session.textbook_safe_write)" 1.05 us
goal "encrypted save, team of 4 (3 facilitators + researcher), vs plain" "$(b session.save_encrypted_4members)" "$(b session.save_plain)" 1.2 us
goal "encrypted save, team of 20, vs plain save" "$(b session.save_encrypted_20members)" "$(b session.save_plain)" 1.2 us
goal "encrypted library of $SESSIONS opened + drawn, with index, vs plain" "$(ms "$ENC_LOADED")" "$(ms "$PLAIN_LOADED")" 1.5 ms
goal "memory at first frame vs minimal ratatui app" "$MEM_FIRST" "$MEM_BASE" 3.0 KB
limit "memory with the $SESSIONS-session library loaded" "$MEM_LOADED" 20480 KB

echo
echo "For information (no goal):"
echo "   autosave write: $(b session.write_atomic) us ($(ratio "$(b session.write_atomic)" "$(b session.bare_write_fsync)")x a bare write + fsync of $(b session.bare_write_fsync) us); the textbook durable write (named temp, fsync, rename, folder fsync) in plain std: $(b session.textbook_safe_write) us, $(ratio "$(b session.textbook_safe_write)" "$(b session.bare_write_fsync)")x the bare write"
echo "   full save incl. serialising + index line: $(b session.save) us; a keystroke in one 50 KB paragraph: $(b frame.key.note50k_one_paragraph.200x60) us at its end, $(b frame.key.note50k_one_paragraph_typing_at_start.200x60) us at its start"
echo "   encrypted save with 1 member: $(b session.save_encrypted_1members) us ($(ratio "$(b session.save_encrypted_1members)" "$(b session.save_plain)")x the plain save); encrypting alone: $(b session.seal_only) us (one X25519 exchange, to the library key)"
echo "   tafel encrypt of the $SESSIONS-session library: $ENCRYPT_S s; unlocking a key made with age's own work factor: $UNLOCK_MS ms (once per start)"
echo "   portfolio with the cache rebuilt: $PF_REBUILD_CPU s of CPU (user + sys) against cat's $CAT_CPU s ($(ratio "$PF_REBUILD_CPU" "$CAT_CPU")x), on two cores"
echo "   DuckDB over the same $SESSIONS files (scripts/portfolio_duckdb.sql): $DUCK"
echo "   the wall (Ctrl+T), choosing the next item, 200x60: $(b frame.key.wall_x1.200x60) us for a demo session, $(b frame.key.wall_x20.200x60) us with twenty times its events and activities"
echo "   library list: group+sort $(b library.$SESSIONS.group_and_sort) us, frame $(b library.$SESSIONS.frame.200x60) us, filter key $(b library.$SESSIONS.filter_key) us, index $(b library.$SESSIONS.index_size) bytes"
if [[ $FAILED == 0 ]]; then echo "ALL GOALS MET"; else echo "SOME GOALS FAILED"; fi
exit "$FAILED"
