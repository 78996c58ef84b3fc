#!/usr/bin/env bash
# Copies a mirrored snapshot back into the bucket.
#   restore-objects.sh <snapshot folder name, e.g. 20270105T010000Z> --drill     into bucket motcua-restore-drill
#   restore-objects.sh <snapshot> --replace                                      into bucket motcua (adds and overwrites; deletes nothing)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
snap="${1:?usage: restore-objects.sh <snapshot> --drill|--replace}"
case "${2:?say --drill or --replace}" in
  --drill) bucket=motcua-restore-drill ;;
  --replace) bucket=motcua ;;
  *) echo "say --drill or --replace" >&2; exit 2 ;;
esac
[ -d "$BACKUP_DIR/objects/$snap" ] || { echo "no snapshot $BACKUP_DIR/objects/$snap" >&2; exit 2; }
log "mc mirror objects/$snap → local/$bucket"
mc_run "mc mb --ignore-existing local/$bucket && mc mirror --overwrite /backup/$snap local/$bucket"
log done
