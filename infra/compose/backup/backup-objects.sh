#!/usr/bin/env bash
# Mirrors the object store's bucket (papers and signed results) to $BACKUP_DIR/objects/current with
# `mc mirror` (new and changed objects only), then hard-link-snapshots it to objects/<timestamp> so
# each night is a full, cheap copy. The bucket is versioned too (minio-init), which covers mistakes
# between two backups. Run nightly after backup-postgres.sh: a restored database then references
# only objects that the mirror holds.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ts="$(stamp)"
log "mc mirror local/motcua → objects/current"
mc_run "mc mirror --overwrite --preserve local/motcua /backup/current"
cp -al "$BACKUP_DIR/objects/current" "$BACKUP_DIR/objects/$ts"
find "$BACKUP_DIR/objects" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime +"${KEEP_DAYS:-35}" -exec rm -rf {} +
log "done: $(find "$BACKUP_DIR/objects/$ts" -type f | wc -l) objects"
