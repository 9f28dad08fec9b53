# shellcheck shell=bash
# bench/lib/sink.sh - where the benchmarks' SMTP sink keeps what it receives. Source it, then call
# `sink_storage SERVERS_DIR` before scripts/mail-servers/start and `sink_storage_release SERVERS_DIR` in the cleanup.
#
# The sink (scripts/mail-servers/smtp-sink.py) stands in for the relay, which runs on another machine in
# production; it stores each mail as a file of its own. On ext4 its file creation cost 2-3 times as much whenever
# many inodes of its block group had been freed in the last minutes (a build's temporary files, an earlier bench's
# cleanup, a bench step deleting its files): ext4's inode allocator skips an inode freed less than 5 minutes ago
# while its inode table block is dirty, and scans from the start of the group for every new file (the sink's
# profile: find_inode_bit, recently_deleted, find_get_block_common). Measured with bench/e2e on this 2-core VM: the
# sink took 1.02-1.30 ms of CPU per customer mail on ext4 against 0.50 on tmpfs, and Mailroom's e2e rate moved
# with it (504-566 against 698-706 msg/s). So when the bench runs as root, the sink's Maildir gets a tmpfs of its
# own; Dovecot's Maildir and Mailroom's store stay on disk. MAILROOM_BENCH_SINK_DISK=1 keeps the sink on disk.
# SINK_STORAGE says which ("tmpfs" or "disk", with the reason).
SINK_STORAGE="disk"
sink_storage() {
    local dir=$1/smtp-out
    if [ "${MAILROOM_BENCH_SINK_DISK:-}" = 1 ]; then SINK_STORAGE="disk (MAILROOM_BENCH_SINK_DISK=1)"; return 0; fi
    if [ "$(id -u)" -ne 0 ]; then SINK_STORAGE="disk (not root: no tmpfs)"; return 0; fi
    mkdir -p "$dir"
    if mount -t tmpfs -o size=4g,mode=755 mailroom-bench-sink "$dir" 2>/dev/null; then
        SINK_STORAGE="tmpfs"
    else
        SINK_STORAGE="disk (the tmpfs mount failed)"
    fi
}
sink_storage_release() {
    if mountpoint -q "$1/smtp-out" 2>/dev/null; then umount "$1/smtp-out" 2>/dev/null || umount -l "$1/smtp-out" || true; fi
}
# sink_storage_kept SERVERS_DIR: what to add to "work folder kept: ..." (a tmpfs stays mounted until unmounted).
sink_storage_kept() {
    if mountpoint -q "$1/smtp-out" 2>/dev/null; then echo " (the sink's Maildir is a tmpfs: umount $1/smtp-out)"; fi
}
