#!/usr/bin/env bash
# Restores a pg_dump backup.
#   restore-postgres.sh <file.dump> --drill     into a scratch database motcua_restore_drill (production untouched)
#   restore-postgres.sh <file.dump> --replace   stops the API and workers, replaces the database, migrates, starts them
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dump="${1:?usage: restore-postgres.sh <file.dump> --drill|--replace}"
mode="${2:?say --drill or --replace}"
dir="$(cd "$(dirname "$dump")" && pwd)"
base="$(basename "$dump" .dump)"
if [ -f "$dir/$base.sha256" ]; then
  (cd "$dir" && sha256sum --check --ignore-missing "$base.sha256")
fi
case "$mode" in
  --drill) db=motcua_restore_drill ;;
  --replace) db=motcua ;;
  *) echo "say --drill or --replace" >&2; exit 2 ;;
esac
if [ "$mode" = --replace ]; then
  log "stopping API and workers"
  dc stop caddy api-a api-b worker
  # Roles first (the runtime role motcua_app and the context roles); existing ones only warn.
  roles="$dir/roles-${base#motcua-}.sql"
  [ -f "$roles" ] && dc exec -T postgres psql -U motcua -d postgres -v ON_ERROR_STOP=0 -q <"$roles" || true
fi
log "recreating database $db"
dc exec -T postgres psql -U motcua -d postgres -v ON_ERROR_STOP=1 \
  -c "drop database if exists $db with (force)" -c "create database $db owner motcua"
log "pg_restore → $db"
dc exec -T postgres pg_restore -U motcua -d "$db" --exit-on-error --no-owner --role=motcua <"$dump"
if [ "$mode" = --replace ]; then
  # Re-applies grants and the runtime role's password, and any migration newer than the dump.
  dc run --rm migrate
  dc up -d api-a api-b worker caddy
  log "restored and started"
else
  log "restored into $db; compare with restore-check.sh"
fi
