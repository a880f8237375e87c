# Times the stages of a run and prints them as one table when the run ends, passed or failed,
# so the next slow stage shows. Sourced by scripts/test.sh.
#
#   stage "name" command args…   runs the command as a stage (its output as it comes)
#   stages_table                 the table so far (the EXIT trap prints it)
#
# Stages may run in background jobs (a subshell calling `stage`): each writes one line per
# stage to the same file, so the table holds them all, and a stage that ran beside another
# says so (its times overlap).

STAGES_FILE="$(mktemp "${TMPDIR:-/tmp}/klimatcoachning-stages.XXXXXX")"
STAGES_T0="$(date +%s.%N)"

stage() {
  local name="$1" started ended status=0
  shift
  printf '\n== %s\n' "$name"
  started="$(date +%s.%N)"
  "$@" || status=$?
  ended="$(date +%s.%N)"
  printf '%s\t%s\t%s\t%s\n' "$name" "$started" "$ended" "$status" >>"$STAGES_FILE"
  return "$status"
}

stages_table() {
  local status="${1:-0}"
  printf '\n== stages (from the start of the run; a stage beside another overlaps it)\n'
  awk -F'\t' -v t0="$STAGES_T0" '
    function clock(s) { s = int(s + 0.5); return sprintf("%d:%02d", s / 60, s % 60) }
    { printf "%-52s %7s  %7s–%-7s %s\n", $1, clock($3 - $2), clock($2 - t0), clock($3 - t0), ($4 == 0 ? "" : "FAILED (" $4 ")") }
  ' "$STAGES_FILE" | { printf '%-52s %7s  %s\n' "stage" "time" "from–to"; cat; }
  printf '%-52s %7s  %s\n' "whole run" "$(awk -v t0="$STAGES_T0" -v t1="$(date +%s.%N)" 'BEGIN { s = int(t1 - t0 + 0.5); printf "%d:%02d", s / 60, s % 60 }')" \
    "$([ "$status" -eq 0 ] && echo passed || echo "FAILED ($status)")"
  rm -f "$STAGES_FILE"
}

trap 'stages_table $?' EXIT
