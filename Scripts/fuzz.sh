#!/bin/sh
# Fuzzes Brobyggare's readers with the toolchain's libFuzzer.
#
#   sh Scripts/fuzz.sh [SECONDS] [READER ...]
#
# READER: graphml gexf gml pajek ucinet dot csv csv-nodes edgelist json nominations xlsx (default: all), each for SECONDS
# (default 60). Builds .build/fuzz/brobyggare-fuzz from the library's sources and
# Fuzz/FuzzReaders.swift with -sanitize=fuzzer, seeds each reader's corpus from the shipped
# datasets, the files other tools wrote in ../shared/interop/dot and ../shared/interop/graphml
# (beside the repository, as CI has them; left out when absent) and
# Tests/BrobyggareCommandsTests/Broken,
# and runs libFuzzer with a 10-second limit per input (a hang) and 2 GB of memory. A crash,
# hang or out-of-memory stops the run with the input saved in .build/fuzz/READER/ as
# crash-*, timeout-* or oom-*; make it a test in Tests/BrobyggareCommandsTests/Broken.
# The libFuzzer seed is BROBYGGARE_FUZZ_SEED (default 1). With BROBYGGARE_FUZZ_RUNS=N each
# reader runs N inputs instead of SECONDS, which with the fixed seed makes a run repeatable
# (CI uses it). Exits non-zero if any reader failed.
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
readers=${*:-graphml gexf gml pajek ucinet dot csv csv-nodes edgelist json nominations xlsx}
out=.build/fuzz
mkdir -p "$out"
bin="$out/brobyggare-fuzz"
sources=$(find Sources/Brobyggare -name '*.swift' | LC_ALL=C sort)
echo "building $bin"
# shellcheck disable=SC2086
swiftc -O -sanitize=fuzzer -parse-as-library -module-name Brobyggare -package-name brobyggare $sources Fuzz/FuzzReaders.swift -o "$bin"

interop=""
for d in ../shared/interop/dot ../shared/interop/graphml ../shared/interop/realworld; do
  if [ -d "$d" ]; then interop="$interop $d"; else echo "no $d: its files are not among the seeds" >&2; fi
done
seed() {  # seed READER PATTERN...: copy matching files into the reader's seed folder
  r=$1; shift
  mkdir -p "$out/$r/seeds" "$out/$r/corpus"
  for pattern in "$@"; do
    # shellcheck disable=SC2086  # $interop is a list of folders
    find Datasets $interop Tests/BrobyggareCommandsTests/Broken -type f -name "$pattern" \
      -size -200k -exec cp {} "$out/$r/seeds/" \; 2>/dev/null || true
  done
}
if [ -n "${BROBYGGARE_FUZZ_RUNS:-}" ]; then limit="-runs=$BROBYGGARE_FUZZ_RUNS"; else limit="-max_total_time=$seconds"; fi
status=0
for r in $readers; do
  case $r in
    graphml) seed graphml '*.graphml' '*.xml' ;;
    gexf) seed gexf '*.gexf' ;;
    gml) seed gml '*.gml' ;;
    pajek) seed pajek '*.net' '*.paj' ;;
    ucinet) seed ucinet '*.dl' ;;
    dot) seed dot '*.dot' '*.gv' ;;
    csv) seed csv '*.csv' ;;
    csv-nodes) seed csv-nodes '*.nodes.csv' 'roster*.csv' ;;
    edgelist) seed edgelist '*.edgelist' '*.txt' ;;
    json) seed json '*.json' ;;
    nominations) seed nominations 'nominations*.csv' ;;
    xlsx)
      # The test workbooks, and their sheets' XML (the target reads other input as a sheet).
      seed xlsx '*.xlsx'
      for f in Tests/BrobyggareTests/Fixtures/xlsx/*.xlsx; do
        cp "$f" "$out/xlsx/seeds/"
        unzip -p "$f" xl/worksheets/sheet1.xml > "$out/xlsx/seeds/$(basename "$f" .xlsx)-sheet1.xml" 2>/dev/null || true
      done ;;
    *) echo "unknown reader $r" >&2; exit 64 ;;
  esac
  if [ -n "${BROBYGGARE_FUZZ_RUNS:-}" ]; then how="$BROBYGGARE_FUZZ_RUNS inputs"; else how="$seconds s"; fi
  echo "fuzzing $r for $how ($(ls "$out/$r/seeds" | wc -l) seeds)"
  if ! (cd "$out/$r" && SWIFT_BACKTRACE=enable=no BROBYGGARE_FUZZ_READER=$r "../brobyggare-fuzz" $limit -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -seed="${BROBYGGARE_FUZZ_SEED:-1}" -print_final_stats=1 corpus seeds >log.txt 2>&1); then
    echo "fuzzing $r found a problem: see $out/$r/log.txt and the crash-* file there" >&2
    tail -30 "$out/$r/log.txt" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^Done' "$out/$r/log.txt" || true
  fi
done
exit $status
