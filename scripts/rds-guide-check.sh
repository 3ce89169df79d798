#!/usr/bin/env bash
# Runs the commands of docs/deploy-aws-rds.md that are marked `<!-- guide-check -->`, exactly
# as written, against a local MariaDB/MySQL instead of RDS:
#
#   scripts/rds-guide-check.sh [mysql://root@127.0.0.1:3306]
#
# DATABASE_URL points at a fresh database on that server (dropped at the end), and the current
# directory is a temporary one holding a generated site in ./data/tablebookings.db.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="${1:-${GUIDE_CHECK_MYSQL:-mysql://root@127.0.0.1:3306}}"
GUIDE="$ROOT/docs/deploy-aws-rds.md"
WORK="$(mktemp -d)"
export DATABASE_URL="${SERVER%/}/tb_guide_check_$$"

tablebookings() { node "$ROOT/bin/tablebookings.js" "$@"; }
drop_database() {
  (cd "$ROOT" && node --import tsx --input-type=module -e "const m = await import('./src/db/create-database.ts'); await m.dropDatabase(process.argv[1]);" "$DATABASE_URL") || true
}
trap 'drop_database; rm -rf "$WORK"' EXIT

# The command lines inside the fenced block that follows each `<!-- guide-check -->` marker.
mapfile -t COMMANDS < <(awk '
  /^<!-- guide-check -->$/ { armed = 1; next }
  armed && /^```/ { if (inside) { inside = 0; armed = 0 } else { inside = 1 }; next }
  inside && /^tablebookings / { print }
' "$GUIDE")

for expected in 'db create' 'db migrate' 'db status' 'db copy'; do
  printf '%s\n' "${COMMANDS[@]}" | grep -q "^tablebookings $expected" || { echo "guide-check: the guide has no checked \`tablebookings $expected\`" >&2; exit 1; }
done

(cd "$ROOT" && node --import tsx test/transfer/realistic-site.ts "sqlite:$WORK/data/tablebookings.db" "${GUIDE_CHECK_BOOKINGS:-2000}" >/dev/null)
cd "$WORK"
for command in "${COMMANDS[@]}"; do
  echo "\$ $command"
  output="$(eval "$command")"
  echo "$output"
  case "$command" in
    *"db status"*) grep -q 'schema is up to date' <<<"$output" ;;
    *"db copy"*) grep -q 'verified: counts and checksums match' <<<"$output" ;;
  esac
done
echo "guide-check: ${#COMMANDS[@]} commands of docs/deploy-aws-rds.md ran against ${SERVER} — ok"
