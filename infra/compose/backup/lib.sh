# Shared by the backup and restore scripts: run from anywhere, act on the compose project beside them.
set -euo pipefail
COMPOSE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$COMPOSE_DIR"
if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi
BACKUP_DIR="${BACKUP_DIR:-./backups}"
mkdir -p "$BACKUP_DIR/postgres/dump" "$BACKUP_DIR/postgres/base" "$BACKUP_DIR/postgres/wal" "$BACKUP_DIR/objects"
stamp() { date -u +%Y%m%dT%H%M%SZ; }
log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
dc() { docker compose "$@"; }
# mc in a throwaway container on the project's network, with the backup folder mounted at /backup.
mc_run() {
  dc run --rm --no-deps -T \
    -v "$(cd "$BACKUP_DIR" && pwd)/objects:/backup" \
    -e MINIO_ROOT_USER -e MINIO_ROOT_PASSWORD \
    --entrypoint /bin/sh minio-init -ec \
    "mc alias set local http://minio:9000 \"\$MINIO_ROOT_USER\" \"\$MINIO_ROOT_PASSWORD\" >/dev/null; $1"
}
