# Shared by the service scripts (sourced, not run). The caller defines log, running_pid (the pid of its own
# live server, or failure), PID_FILE and STOP_TIMEOUT.

# Stops the caller's server: SIGTERM, then SIGKILL after STOP_TIMEOUT seconds; no-op when it is not running.
stop_service() {
  local name=$1 pid deadline=$((SECONDS + STOP_TIMEOUT))
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "still running after ${STOP_TIMEOUT}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.25
  done
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$PID_FILE"
  log "stopped"
}

# The command line of a live process (for telling our server from a reused pid), or failure.
process_args() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline"
  else
    ps -p "$pid" -o args= 2>/dev/null
  fi
}

# The pid in PID_FILE when the predicate `$1 <pid>` says it is still our server.
pid_from_file() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  "$1" "$pid" && echo "$pid"
}
