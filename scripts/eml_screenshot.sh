#!/usr/bin/env bash
# Screenshot of a purchase-order e-mail draft (.eml with X-Unsent: 1) opened in Thunderbird, for the docs.
# Makes a demo shop with the app's own command line, stores its Meadowvale Dairy order as a numbered draft PO
# (so that the subject carries the PO number), writes the .eml and PDF, checks the .eml with Python's email
# package, then opens it in Thunderbird (headed, under Xvfb, with a throwaway profile that has one identity
# and no network) and grabs the compose window. Installs thunderbird, xvfb, xdotool and imagemagick with
# apt-get only where they are missing. Its other files go to $WORK and are replaced on the next run.
#   scripts/eml_screenshot.sh [OUT.png]        (default docs/screenshots/eml-thunderbird.png)
#   WORK=/tmp/tb DISPLAY_NUM=99 SUPPLIER="Meadowvale Dairy" scripts/eml_screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
OUT=${1:-docs/screenshots/eml-thunderbird.png}
case "$OUT" in /*) ;; *) OUT="$REPO/$OUT" ;; esac
WORK=${WORK:-/tmp/tb}
DISPLAY_NUM=${DISPLAY_NUM:-99}
SUPPLIER=${SUPPLIER:-Meadowvale Dairy}
WAIT_S=${WAIT_S:-120}

need_apt=()
command -v thunderbird >/dev/null 2>&1 || need_apt+=(thunderbird)
command -v Xvfb >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need_apt+=(xdotool)
command -v import >/dev/null 2>&1 || need_apt+=(imagemagick)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "eml_screenshot: installing ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
thunderbird --version

# --- the demo shop and its purchase-order e-mail -------------------------------------------------------------
[ -f .venv/bin/activate ] && source .venv/bin/activate
mkdir -p "$WORK"
(cd "$WORK" && rm -rf profile demo.db order.eml order.pdf order.subject xvfb.log thunderbird.log)
python main.py demo --db "$WORK/demo.db"
python main.py forecast --db "$WORK/demo.db" --no-neural
python main.py orders --db "$WORK/demo.db" --supplier "$SUPPLIER" --save \
    --eml "$WORK/order.eml" --pdf "$WORK/order.pdf"

python - "$WORK/order.eml" "$WORK/order.pdf" <<'EOF'
import email, email.policy, sys
eml, pdf = sys.argv[1:3]
with open(eml, "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
print("To:       ", msg["To"])
print("Subject:  ", msg["Subject"])
print("X-Unsent: ", msg["X-Unsent"])
print("defects:  ", msg.defects or "none")
print("body:     ", msg.get_body(("plain",)).get_content().strip().splitlines()[0], "...")
attachments = list(msg.iter_attachments())
for part in attachments:
    data = part.get_payload(decode=True)
    print(f"attached:  {part.get_filename()} ({part.get_content_type()}, {len(data):,} bytes, "
          f"starts {data[:5]!r}, same as the PDF written: {data == open(pdf, 'rb').read()})")
assert msg["X-Unsent"] == "1" and "@" in msg["To"] and "PO-" in msg["Subject"]
assert [p.get_content_type() for p in attachments] == ["application/pdf"]
with open(eml.rsplit(".", 1)[0] + ".subject", "w", encoding="utf-8") as f:
    f.write(str(msg["Subject"]))
EOF
SUBJECT=$(cat "$WORK/order.subject")

# --- Thunderbird under Xvfb -----------------------------------------------------------------------------------
PROFILE="$WORK/profile"
mkdir -p "$PROFILE"
# no first-run wizard, start page, default-client or update prompts, no telemetry; one POP account (never
# checked: there is no network) whose identity fills the From line, and the Local Folders
cat > "$PROFILE/user.js" <<'EOF'
user_pref("mail.provider.enabled", false);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mailnews.start_page.enabled", false);
user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("mail.rights.version", 1);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("mail.spotlight.firstRunDone", true);
user_pref("mail.winsearch.firstRunDone", true);
user_pref("mail.inappnotifications.enabled", false);
user_pref("mail.biff.show_alert", false);
user_pref("extensions.update.enabled", false);
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server2");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.identity.id1.fullName", "Demo Gift & Grocery");
user_pref("mail.identity.id1.useremail", "orders@demo-shop.example.com");
user_pref("mail.identity.id1.valid", true);
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.hostname", "localhost");
user_pref("mail.server.server1.userName", "demo");
user_pref("mail.server.server1.name", "Demo Gift & Grocery");
user_pref("mail.server.server1.login_at_startup", false);
user_pref("mail.server.server1.check_new_mail", false);
user_pref("mail.server.server1.download_on_biff", false);
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.userName", "nobody");
user_pref("mail.server.server2.name", "Local Folders");
EOF

XVFB_PID=""; TB_PID=""
cleanup() {
    set +e
    if [ -n "$TB_PID" ] && kill "$TB_PID" 2>/dev/null; then
        for _ in $(seq 20); do kill -0 "$TB_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$TB_PID" 2>/dev/null
    fi
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
    wait 2>/dev/null
    return 0
}
trap cleanup EXIT

Xvfb ":$DISPLAY_NUM" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
xdotool getdisplaygeometry >/dev/null || { echo "Xvfb did not start on $DISPLAY:"; cat "$WORK/xvfb.log"; exit 1; }

thunderbird --no-remote -profile "$PROFILE" "$WORK/order.eml" >"$WORK/thunderbird.log" 2>&1 &
TB_PID=$!

# Thunderbird opens an .eml marked X-Unsent: 1 as a draft in a compose window, titled "Write: (no subject)"
# at first and "Write: <subject> - Thunderbird" once the draft has been loaded into it
WIN=""
for _ in $(seq "$WAIT_S"); do
    for w in $(xdotool search --onlyvisible --name '^Write: ' 2>/dev/null || true); do
        case "$(xdotool getwindowname "$w" 2>/dev/null)" in "Write: $SUBJECT"*) WIN=$w ;; esac
    done
    [ -n "$WIN" ] && break
    kill -0 "$TB_PID" 2>/dev/null || { echo "Thunderbird exited:"; tail -20 "$WORK/thunderbird.log"; exit 1; }
    sleep 1
done
mkdir -p "$(dirname "$OUT")"
if [ -z "$WIN" ]; then
    echo "eml_screenshot: no compose window with the draft after ${WAIT_S}s; windows shown:"
    xdotool search --onlyvisible --name . getwindowname %@ 2>/dev/null || true
    import -window root "$OUT"
    echo "wrote the whole screen to $OUT instead"
    exit 1
fi
echo "compose window: $(xdotool getwindowname "$WIN")"
# no window manager under Xvfb: size and place the window ourselves, then let it lay out the attachment list
xdotool windowmove "$WIN" 0 0
xdotool windowsize "$WIN" 1000 720
sleep 5
import -window "$WIN" "$OUT"
echo "wrote $OUT ($(identify -format '%wx%h' "$OUT"))"
