#!/usr/bin/env bash
# Logical backup of the MotCua database (pg_dump custom format) and of the cluster's roles, with a
# SHA-256 beside each file; keeps KEEP_DAYS days (default 35). Run nightly (cron/systemd timer):
#   infra/compose/backup/backup-postgres.sh
# For point-in-time recovery also run backup-postgres-base.sh weekly: WAL segments are archived
# continuously to $BACKUP_DIR/postgres/wal by archive_command.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ts="$(stamp)"
out="$BACKUP_DIR/postgres/dump/motcua-$ts.dump"
log "pg_dump → $out"
dc exec -T postgres pg_dump -U motcua -d motcua --format=custom --compress=6 >"$out.partial"
dc exec -T postgres pg_dumpall -U motcua --roles-only >"$BACKUP_DIR/postgres/dump/roles-$ts.sql"
mv "$out.partial" "$out"
# A dump that pg_restore cannot list is no backup.
dc exec -T postgres pg_restore --list <"$out" >/dev/null
(cd "$BACKUP_DIR/postgres/dump" && sha256sum "motcua-$ts.dump" "roles-$ts.sql" >"motcua-$ts.sha256")
find "$BACKUP_DIR/postgres/dump" -type f -mtime +"${KEEP_DAYS:-35}" -delete
log "done: $(du -h "$out" | cut -f1)"
