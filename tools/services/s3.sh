#!/usr/bin/env bash
# Starts a local single-node S3-compatible object store on loopback for development and CI, without Docker:
# SeaweedFS (master, volume server, filer and S3 gateway in one `weed server` process). The `weed` binary is
# built once with the Go toolchain from its pinned module (Go module proxy) and cached in the state directory
# with the store's data. Every request must be signed (SigV4) with the development key below, and presigned
# URLs expire, as on AWS.
#
#   tools/services/s3.sh [up]   start it (no-op when it already runs), create the bucket and return once it
#                                takes writes; prints, last, S3_ENDPOINT, S3_BUCKET, AWS_ACCESS_KEY_ID,
#                                AWS_SECRET_ACCESS_KEY and AWS_REGION as NAME=value lines, ready for
#                                eval "$(tools/services/s3.sh up)"
#   tools/services/s3.sh down   stop it (no-op when nothing runs); the data is kept
#
# Settings (environment): KYC_SERVICES_DIR (parent of the state directory, default ~/.cache/kyc-services),
# KYC_S3_PORT (8333), KYC_S3_MASTER_PORT (9333), KYC_S3_VOLUME_PORT (9340), KYC_S3_FILER_PORT (8888) -- each
# server also listens for gRPC on its port + 10000 --, KYC_S3_BUCKET (kyc-documents), KYC_S3_ACCESS_KEY and
# KYC_S3_SECRET_KEY (a fixed development key pair), KYC_S3_REGION (us-east-1), KYC_S3_START_TIMEOUT and
# KYC_S3_STOP_TIMEOUT (seconds, 120 and 30).
#
# State directory layout: bin/ (weed, and weed.version: the module it was built from), data/ (volumes, master
# and filer metadata), logs/ (weed's own rotated logs, and its stdout/stderr in weed.out), identities.json (the
# S3 identity, written from the settings at every start), weed.pid. weed also opens Unix sockets named
# seaweedfs-*-<port>.sock in the system's temporary folder, and removes them when it stops.
set -euo pipefail

# shellcheck source=service-lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/service-lib.sh"

WEED_MODULE=github.com/seaweedfs/seaweedfs
WEED_VERSION=v0.0.0-20261109003541-7506e5f91cd6

STATE_DIR="${KYC_SERVICES_DIR:-${HOME:?HOME is not set}/.cache/kyc-services}/s3"
HOST=127.0.0.1
PORT=${KYC_S3_PORT:-8333}
MASTER_PORT=${KYC_S3_MASTER_PORT:-9333}
VOLUME_PORT=${KYC_S3_VOLUME_PORT:-9340}
FILER_PORT=${KYC_S3_FILER_PORT:-8888}
BUCKET=${KYC_S3_BUCKET:-kyc-documents}
ACCESS_KEY=${KYC_S3_ACCESS_KEY:-kyc-dev-access-key}
SECRET_KEY=${KYC_S3_SECRET_KEY:-kyc-dev-secret-key-not-for-production}
REGION=${KYC_S3_REGION:-us-east-1}
START_TIMEOUT=${KYC_S3_START_TIMEOUT:-120}
STOP_TIMEOUT=${KYC_S3_STOP_TIMEOUT:-30}

BIN_DIR="$STATE_DIR/bin"
WEED="$BIN_DIR/weed"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/weed.pid"
IDENTITIES_FILE="$STATE_DIR/identities.json"
SETSID=$(command -v setsid || true)

log() { echo "s3: $*" >&2; }
die() { log "$*"; exit 1; }

# True when $1 is a live `weed server` started on this state directory's data (guards against a reused pid).
is_our_server() {
  local args
  args=$(process_args "$1") || return 1
  [[ $args == *" server "*"-dir=$DATA_DIR "* ]]
}

running_pid() { pid_from_file is_our_server; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Sends a request signed with the development key (curl signs it with SigV4) and prints the HTTP status, 000
# when nothing answered. Usage: signed_status <seconds to wait> <path> [curl options...]
signed_status() {
  local wait_s=$1 path=$2
  shift 2
  curl -s -o /dev/null -w '%{http_code}' --max-time "$wait_s" "$@" \
    --aws-sigv4 "aws:amz:$REGION:s3" --user "$ACCESS_KEY:$SECRET_KEY" "http://$HOST:$PORT$path" || true
}

# The S3 gateway lists buckets for the signed key only once it has loaded the identities and reached the filer.
s3_answers() { [ "$(signed_status "${1:-2}" /)" = 200 ]; }

show_log_tail() {
  [ -s "$LOG_DIR/weed.out" ] || return 0
  echo "----- last lines of $LOG_DIR/weed.out -----" >&2
  tail -n 40 "$LOG_DIR/weed.out" >&2
}

stop_server() { stop_service SeaweedFS; }

# Builds weed once; rebuilds only when the pinned version changes. `go install` refuses this module (its go.mod
# has replace directives), so the module's source is downloaded and built in place.
ensure_weed() {
  local want="$WEED_MODULE@$WEED_VERSION" have="" tmp module_dir
  [ -f "$BIN_DIR/weed.version" ] && have=$(cat "$BIN_DIR/weed.version")
  [ -x "$WEED" ] && [ "$want" = "$have" ] && return 0
  command -v go >/dev/null || die "the Go toolchain is needed to build SeaweedFS once (go build of $want)"
  log "building SeaweedFS $WEED_VERSION with $(go version | cut -d' ' -f3) (once; a few minutes)"
  tmp="$STATE_DIR/build.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  module_dir=$(cd "$tmp" && go mod download -json "$want" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p') ||
    { rm -rf "$tmp"; die "go could not download $want"; }
  [ -d "$module_dir" ] || { rm -rf "$tmp"; die "go downloaded $want but reported no source folder"; }
  # The module cache is read-only; the build writes next to the sources only in a copy.
  cp -r "$module_dir" "$tmp/src"
  chmod -R u+w "$tmp/src"
  (cd "$tmp/src" && GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false" go build -trimpath -ldflags='-s -w' \
    -o "$tmp/weed" ./weed) >&2 || { rm -rf "$tmp"; die "go build of $want failed"; }
  mkdir -p "$BIN_DIR"
  mv "$tmp/weed" "$WEED"
  echo "$want" >"$BIN_DIR/weed.version"
  rm -rf "$tmp"
  log "built $WEED"
}

# One identity with every action on every bucket: the S3 gateway then refuses anonymous and badly signed requests.
write_identities() {
  (umask 077 && cat >"$IDENTITIES_FILE") <<EOF
{
  "identities": [
    {
      "name": "kyc-dev",
      "credentials": [{ "accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY" }],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
}

start_server() {
  local pid started=$SECONDS
  : >"$LOG_DIR/weed.out"
  # setsid detaches weed from the caller's terminal and process group, so it outlives this script; fd 9 (the
  # lock) is closed so that the server does not hold it. Its working directory is the state directory, where
  # weed also looks for optional *.toml settings. A single master (peers=none) elects itself at once on a
  # restart instead of after an election timeout. It grows one volume at a time (instead of 7 per bucket),
  # so that 16 volumes of 64 MB (at most 1 GiB on disk) serve several buckets.
  # shellcheck disable=SC2086
  (
    cd "$STATE_DIR"
    WEED_MASTER_VOLUME_GROWTH_COPY_1=1 exec nohup $SETSID "$WEED" \
      -logdir="$LOG_DIR" -alsologtostderr=false -log_max_size_mb=64 -log_max_files=3 \
      server -dir="$DATA_DIR" -ip="$HOST" -ip.bind="$HOST" \
      -master.port="$MASTER_PORT" -master.peers=none -master.telemetry=false -master.volumeSizeLimitMB=64 \
      -volume.port="$VOLUME_PORT" -volume.max=16 -volume.preStopSeconds=1 \
      -filer -filer.port="$FILER_PORT" \
      -s3 -s3.port="$PORT" -s3.config="$IDENTITIES_FILE" -s3.autoCreateBucket=false -s3.iam=false \
      -s3.port.iceberg=0 -s3.port.lance=0 \
      >>"$LOG_DIR/weed.out" 2>&1 </dev/null 9>&-
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started SeaweedFS (pid $pid), waiting for S3 on $HOST:$PORT"
  until s3_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      die "SeaweedFS exited during start-up (logs in $LOG_DIR)"
    fi
    if [ $((SECONDS - started)) -ge "$START_TIMEOUT" ]; then
      show_log_tail
      stop_server
      die "S3 did not answer on $HOST:$PORT within ${START_TIMEOUT}s (logs in $LOG_DIR)"
    fi
    sleep 0.25
  done
  log "ready after about $((SECONDS - started))s"
}

# The filer may still be settling right after start-up, so creating the bucket is retried for a while.
ensure_bucket() {
  local status deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    status=$(signed_status 2 "/$BUCKET" --head)
    [ "$status" = 200 ] && return 0
    if [ "$status" = 404 ]; then
      status=$(signed_status 10 "/$BUCKET" -X PUT)
      # 409: another caller created it in between.
      if [ "$status" = 200 ] || [ "$status" = 409 ]; then
        log "created bucket $BUCKET"
        return 0
      fi
    fi
    [ "$SECONDS" -ge "$deadline" ] && die "could not create bucket $BUCKET (last answer: HTTP $status)"
    sleep 0.5
  done
}

# S3 answers reads before it takes writes: after a restart the master refuses to place data for 15s, until the
# volume server has reported what it holds. So "up" returns only once an object can be written (a probe,
# removed again; its dot name is never a document key).
ensure_writable() {
  local status deadline=$((SECONDS + START_TIMEOUT)) probe="/$BUCKET/.s3-sh-write-probe"
  until status=$(signed_status 10 "$probe" -X PUT -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' --data-binary ok) &&
    [ "$status" = 200 ]; do
    [ "$SECONDS" -ge "$deadline" ] && die "S3 did not accept a write to $BUCKET within ${START_TIMEOUT}s (HTTP $status)"
    sleep 0.5
  done
  status=$(signed_status 10 "$probe" -X DELETE)
  [ "$status" = 204 ] || die "could not remove the write probe from $BUCKET (HTTP $status)"
}

mkdir -p "$STATE_DIR"
# Serialise concurrent runs against the same state directory (e.g. two callers starting services at once).
if command -v flock >/dev/null; then
  exec 9>"$STATE_DIR/.lock"
  flock 9
fi

case "${1:-up}" in
  down)
    stop_server
    exit 0
    ;;
  up) ;;
  *) die "usage: $0 [up|down]" ;;
esac

command -v curl >/dev/null || die "curl (7.75 or newer, for --aws-sigv4) is needed"
if pid=$(running_pid); then
  # A busy machine may answer slowly: give a running server a few chances before calling it broken.
  s3_answers 3 || s3_answers 5 || s3_answers 10 || {
    show_log_tail
    die "SeaweedFS runs (pid $pid) but S3 does not answer on $HOST:$PORT; try '$0 down' then '$0 up'"
  }
  log "already running (pid $pid)"
else
  rm -f "$PID_FILE"
  for p in "$PORT" "$MASTER_PORT" "$VOLUME_PORT" "$FILER_PORT"; do
    for q in "$p" $((p + 10000)); do
      port_open "$q" && die "port $q on $HOST is taken by another process (not SeaweedFS from $STATE_DIR)"
    done
  done
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  ensure_weed
  write_identities
  start_server
fi
ensure_bucket
ensure_writable

printf 'S3_ENDPOINT=%q\n' "http://$HOST:$PORT"
printf 'S3_BUCKET=%q\n' "$BUCKET"
printf 'AWS_ACCESS_KEY_ID=%q\n' "$ACCESS_KEY"
printf 'AWS_SECRET_ACCESS_KEY=%q\n' "$SECRET_KEY"
printf 'AWS_REGION=%q\n' "$REGION"
