#!/usr/bin/env bash
# The drill's verdict: the restored database against production (row counts of the main tables, the
# audit chains re-walked by the CLI on the restored copy) and every result file the restored database
# references present in the restored bucket with its recorded size.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
db="${1:-motcua_restore_drill}"
bucket="${2:-motcua-restore-drill}"
q() { dc exec -T postgres psql -U motcua -d "$1" -At -v ON_ERROR_STOP=1 -c "$2"; }
status=0
for t in tenants dossiers dossier_events results usage_events invoices payments audit_log; do
  live="$(q motcua "select count(*) from $t")"
  restored="$(q "$db" "select count(*) from $t")"
  printf '%-16s production %10s  restored %10s\n' "$t" "$live" "$restored"
  # The restored copy is older than production, never larger.
  [ "$restored" -le "$live" ] || status=1
done
log "audit chains on the restored copy"
dc run --rm --no-deps -T -e DATABASE_URL="postgres://motcua:${POSTGRES_PASSWORD}@postgres:5432/$db" migrate \
  node server/dist/cli.mjs audit verify || status=1
log "result files in bucket $bucket"
q "$db" "select storage_key || ' ' || file_size from results" >"$BACKUP_DIR/restore-check-keys.txt"
missing="$(mc_run "while read -r key size; do
  got=\$(mc stat --json local/$bucket/\$key 2>/dev/null | sed -n 's/.*\"size\":\\([0-9]*\\).*/\\1/p')
  [ \"\$got\" = \"\$size\" ] || echo \"\$key\"
done" <"$BACKUP_DIR/restore-check-keys.txt" | wc -l)"
echo "result files missing or of another size: $missing of $(wc -l <"$BACKUP_DIR/restore-check-keys.txt")"
[ "$missing" = 0 ] || status=1
[ "$status" = 0 ] && log "drill passed" || log "drill FAILED"
exit "$status"
