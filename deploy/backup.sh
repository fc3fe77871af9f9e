#!/bin/sh
# Back up Let's Connect: the PostgreSQL database (pg_dump's custom format) and the uploaded files (MEDIA_ROOT).
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/letsconnect/media BACKUP_DIR=/backups deploy/backup.sh
#
# Run it from cron or a systemd timer, e.g. every night at 02:30:  30 2 * * * /app/deploy/backup.sh
# Keeps BACKUP_KEEP_DAYS days (default 14) of backups in BACKUP_DIR; copy that folder off the machine.
# Restore: createdb letsconnect && pg_restore --no-owner --dbname=postgres://.../letsconnect <file>.dump
#          and unpack the media archive into MEDIA_ROOT.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL to the database to back up}"
: "${BACKUP_DIR:?Set BACKUP_DIR to the folder that keeps the backups}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

mkdir -p "$BACKUP_DIR"
umask 077  # backups hold personal data: readable by their owner only

# Written under a temporary name and renamed when complete, so a half-written file never looks like a backup.
pg_dump --format=custom --no-owner --file="$BACKUP_DIR/.letsconnect-$STAMP.dump.partial" "$DATABASE_URL"
mv "$BACKUP_DIR/.letsconnect-$STAMP.dump.partial" "$BACKUP_DIR/letsconnect-$STAMP.dump"

if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
    tar -czf "$BACKUP_DIR/.media-$STAMP.tar.gz.partial" -C "$MEDIA_ROOT" .
    mv "$BACKUP_DIR/.media-$STAMP.tar.gz.partial" "$BACKUP_DIR/media-$STAMP.tar.gz"
fi

find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'letsconnect-*.dump' -o -name 'media-*.tar.gz' \) \
    -mtime +"$KEEP_DAYS" -delete
echo "Backed up to $BACKUP_DIR/letsconnect-$STAMP.dump"
