# shellcheck shell=bash
# bench/lib/servers.sh - what bench/e2e and bench/scale share: dovecot users, delivery of the corpus, workspaces
# reading a user's INBOX over IMAP STARTTLS and sending to the SMTP sink. Source it after the mail servers'
# environment (scripts/mail-servers/start DIR writes it) with BIN, PY, work and fail() set.

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }

# add_user NAME: a dovecot user of its own (password pw-NAME) with an empty Maildir; waits until dovecot, which
# re-reads its passwd-file at most once a second, knows it.
add_user() {
    local dir="$SERVERS/maildir/$1" i
    mkdir -p "$dir"/{cur,new,tmp}
    [ "$(id -u)" -eq 0 ] && chown -R "$MAILROOM_TEST_MAIL_OWNER" "$dir"
    printf '%s:{PLAIN}pw-%s\n' "$1" "$1" >>"$SERVERS/users"
    for i in $(seq 1 50); do
        count "$1" INBOX >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    fail "dovecot does not know the user $1"
}
# count USER FOLDER: the folder's MESSAGES over IMAP STARTTLS (dovecot indexes new Maildir files on the way).
count() {
    curl -sf --ssl-reqd --cacert "$CA" --user "$1:pw-$1" "$MAILROOM_TEST_IMAP_URL/" -X "STATUS $2 (MESSAGES)" |
        sed -n 's/.*MESSAGES \([0-9]*\).*/\1/p' | grep .
}
# deliver USER N TAG: N corpus mails into the user's INBOX, then indexed by dovecot (not measured).
deliver() {
    "$PY" bench/e2e_mail.py deliver "$SERVERS/maildir/$1" "$2" "$3"
    local n; n=$(count "$1" INBOX)
    [ "$n" -eq "$2" ] || fail "$1: INBOX holds $n messages after delivering $2"
}
# workspace NAME USER IDLE: `mailroom init`, then intake from the user's INBOX over IMAP STARTTLS (test CA) and
# sending to the sink; prints the configuration's path.
workspace() {
    local config
    config=$("$BIN" init "$work/$1")
    "$PY" - "$config" "$MAILROOM_TEST_IMAP_URL" "$2" "$CA" "$3" "$MAILROOM_TEST_SMTP_URL" \
        "${MAILROOM_E2E_SMTP_CONNECTIONS:-}" <<'PY'
import sys
path, imap_url, user, ca, idle, smtp_url, connections = sys.argv[1:]
lines = open(path).read().split("\n")
start = lines.index("maildir:")  # the Maildir intake and outbox of the default workspace: replaced
del lines[start:start + 3]
lines += ["imap:", f"  url: {imap_url}", f"  username: {user}", f"  password: pw-{user}", "  mailbox: INBOX",
          "  processedMailbox: Processed", "  tls: required", f"  caFile: {ca}", f"  idle: {idle}",
          "smtp:", f"  url: {smtp_url}", "  tls: none"]
lines += [f"  connections: {connections}", ""] if connections else [""]
open(path, "w").write("\n".join(lines))
PY
    "$BIN" check-config --config "$config" >"$work/logs/check-config-$1.log" 2>&1 ||
        { cat "$work/logs/check-config-$1.log" >&2; fail "check-config $1"; }
    echo "$config"
}
