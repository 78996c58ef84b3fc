#!/usr/bin/env bash
# Physical base backup (pg_basebackup, tar + gzip, WAL streamed into it) into
# $BACKUP_DIR/postgres/base/<timestamp>. With the archived WAL in $BACKUP_DIR/postgres/wal it restores
# the cluster to any moment after it (PITR). Keeps the last KEEP_BASE (default 4) base backups.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ts="$(stamp)"
log "pg_basebackup → postgres/base/$ts"
dc exec -T postgres pg_basebackup -U motcua -D "/backup/base/$ts" --format=tar --gzip \
  --wal-method=stream --checkpoint=fast --manifest-checksums=SHA256
dc exec -T postgres pg_verifybackup --no-parse-wal "/backup/base/$ts" ||
  log "warning: pg_verifybackup cannot check tar backups on this version; manifest kept beside it"
ls -1dt "$BACKUP_DIR"/postgres/base/*/ | tail -n +"$((${KEEP_BASE:-4} + 1))" | xargs -r rm -rf
log done
