# Sourced by the bench scripts: sets `shared` to the shared folder with the peer scripts (TB_SHARED, or found by
# walking up from the checkout root $1 and the working directory), or exits naming what is missing.
shared="${TB_SHARED:-}"
if [ -z "$shared" ]; then
  for d in "$1" "$1/.." "$1/../.." "$PWD" "$PWD/.."; do
    if [ -f "$d/shared/bench/peers.py" ]; then shared="$(cd "$d/shared" && pwd)"; break; fi
  done
fi
[ -n "$shared" ] && [ -d "$shared/bench" ] \
  || { echo "shared/bench (the peer scripts) not found above $1; set TB_SHARED" >&2; exit 2; }
