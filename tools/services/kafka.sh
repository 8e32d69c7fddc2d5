#!/usr/bin/env bash
# Starts a local single-node Apache Kafka broker (KRaft combined mode: broker + controller in one JVM) on
# loopback for development and CI, without Docker: the official Apache Kafka jars are resolved from Maven
# Central with the pom in tools/services/kafka/ and cached with the broker's data in the state directory.
#
#   tools/services/kafka.sh [up]   start it (no-op when it already runs); prints the bootstrap servers last
#   tools/services/kafka.sh down   stop it (no-op when nothing runs); the formatted storage is kept
#
# Settings (environment): KYC_SERVICES_DIR (parent of the state directory, default ~/.cache/kyc-services),
# KYC_KAFKA_PORT (9092), KYC_KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP_OPTS (-Xmx512m -Xms512m),
# KYC_KAFKA_START_TIMEOUT and KYC_KAFKA_STOP_TIMEOUT (seconds, 120 and 30).
#
# State directory layout: libs/ (the jars, also usable for the console tools with
# `java -cp "<state>/libs/*" org.apache.kafka.tools.ConsoleProducer ...`), data/ (KRaft metadata and topic
# logs), logs/ (server.log, and stdout/stderr of the JVM in kafka.out), server.properties, kafka.pid.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=service-lib.sh
. "$HERE/service-lib.sh"
CONF_DIR="$HERE/kafka"
STATE_DIR="${KYC_SERVICES_DIR:-${HOME:?HOME is not set}/.cache/kyc-services}/kafka"
HOST=127.0.0.1
PORT=${KYC_KAFKA_PORT:-9092}
CONTROLLER_PORT=${KYC_KAFKA_CONTROLLER_PORT:-9093}
HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m -Xms512m}
START_TIMEOUT=${KYC_KAFKA_START_TIMEOUT:-120}
STOP_TIMEOUT=${KYC_KAFKA_STOP_TIMEOUT:-30}

LIBS_DIR="$STATE_DIR/libs"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
PROPS_FILE="$STATE_DIR/server.properties"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SETSID=$(command -v setsid || true)

log() { echo "kafka: $*" >&2; }
die() { log "$*"; exit 1; }

# True when $1 is a live broker process started from this state directory (guards against a reused pid).
is_our_broker() {
  local args
  args=$(process_args "$1") || return 1
  [[ $args == *kafka.Kafka*"$PROPS_FILE"* ]]
}

running_pid() { pid_from_file is_our_broker; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Sends a Kafka ApiVersions v0 request and checks the reply's correlation id and error code, so that "up"
# returns only once the broker really serves requests (its socket accepts connections earlier than that).
broker_answers() {
  local reply wait_s=${1:-1}
  reply=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/$HOST/$PORT" || exit 1
    # size=10, api_key=18 (ApiVersions), api_version=0, correlation_id=1, client_id=null
    printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff' >&3
    timeout "$wait_s" head -c 10 <&3 | od -An -tx1 | tr -d ' \n'
  ) || return 1
  [ "${reply:8:8}" = 00000001 ] && [ "${reply:16:4}" = 0000 ]
}

show_log_tail() {
  local f
  for f in "$LOG_DIR/kafka.out" "$LOG_DIR/server.log"; do
    [ -s "$f" ] || continue
    echo "----- last lines of $f -----" >&2
    tail -n 40 "$f" >&2
  done
}

stop_broker() { stop_service broker; }

# Resolves the jars once; re-resolves only when the pom changes (e.g. a Kafka version bump).
ensure_libs() {
  local want have="" tmp
  want=$(cksum <"$CONF_DIR/pom.xml")
  [ -f "$LIBS_DIR/.pom.cksum" ] && have=$(cat "$LIBS_DIR/.pom.cksum")
  [ "$want" = "$have" ] && return 0
  command -v mvn >/dev/null || die "mvn is needed to fetch the Kafka jars"
  log "fetching the Apache Kafka jars with Maven"
  tmp="$STATE_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  # Maven 3.8 prints colour resets even in batch mode; strip them from what goes to the caller's stderr.
  mvn -q -B -Dstyle.color=never -f "$CONF_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 ||
    { rm -rf "$tmp"; die "mvn could not fetch the Kafka jars"; }
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "mvn ran but no kafka_2.13 jar was copied"; }
  echo "$want" >"$tmp/.pom.cksum"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
}

write_properties() {
  {
    cat "$CONF_DIR/server.properties"
    echo
    echo "# Written by kafka.sh from the settings it was run with."
    echo "listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT"
    echo "advertised.listeners=PLAINTEXT://$HOST:$PORT"
    # A static voter set: the controller's address comes from this file on every start rather than
    # from the formatted storage, so changing the controller port needs no re-format.
    echo "controller.quorum.voters=1@$HOST:$CONTROLLER_PORT"
    echo "log.dirs=$DATA_DIR"
  } >"$PROPS_FILE"
}

java_tool() { "$JAVA" -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" -cp "$LIBS_DIR/*" "$@"; }

format_storage_once() {
  local cluster_id
  [ -f "$DATA_DIR/meta.properties" ] && return 0
  cluster_id=$(java_tool kafka.tools.StorageTool random-uuid | tail -n 1) || die "could not make a cluster id"
  log "formatting storage with cluster id $cluster_id"
  java_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS_FILE" --ignore-formatted >&2 ||
    die "could not format the storage in $DATA_DIR"
}

start_broker() {
  local pid started=$SECONDS
  : >"$LOG_DIR/kafka.out"
  # setsid detaches the JVM from the caller's terminal and process group, so it outlives this script; fd 9
  # (the lock) is closed so that the broker does not hold it. KAFKA_OPTS is honoured as by Kafka's scripts.
  # shellcheck disable=SC2086
  nohup $SETSID "$JAVA" $HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR" \
    -Dlog4j2.configurationFile="$CONF_DIR/log4j2.properties" ${KAFKA_OPTS:-} \
    -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" >>"$LOG_DIR/kafka.out" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started broker (pid $pid), waiting for it on $HOST:$PORT"
  until broker_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      die "the broker exited during start-up (logs in $LOG_DIR)"
    fi
    if [ $((SECONDS - started)) -ge "$START_TIMEOUT" ]; then
      show_log_tail
      stop_broker
      die "the broker did not answer on $HOST:$PORT within ${START_TIMEOUT}s (logs in $LOG_DIR)"
    fi
    sleep 0.25
  done
  log "ready after about $((SECONDS - started))s"
}

mkdir -p "$STATE_DIR"
# Serialise concurrent runs against the same state directory (e.g. two callers starting services at once).
if command -v flock >/dev/null; then
  exec 9>"$STATE_DIR/.lock"
  flock 9
fi

case "${1:-up}" in
  down)
    stop_broker
    exit 0
    ;;
  up) ;;
  *) die "usage: $0 [up|down]" ;;
esac

if pid=$(running_pid); then
  # A busy machine may answer slowly: give a running broker a few chances before calling it broken.
  broker_answers 3 || broker_answers 5 || broker_answers 10 || {
    show_log_tail
    die "a broker runs (pid $pid) but does not answer on $HOST:$PORT; try '$0 down' then '$0 up'"
  }
  log "already running (pid $pid)"
else
  rm -f "$PID_FILE"
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_open "$p" && die "port $p on $HOST is taken by another process (not a broker from $STATE_DIR)"
  done
  command -v "$JAVA" >/dev/null || die "java (17 or newer) is needed"
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  ensure_libs
  write_properties
  format_storage_once
  start_broker
fi

echo "$HOST:$PORT"
