#!/usr/bin/env bash
# Starts (or, with `down`, stops) every local service the platform needs: PostgreSQL and Kafka.
# On `up` it prints, last, one NAME=value line per service, ready for the caller to load:
#   eval "$(tools/services/services.sh)"   # then export DATABASE_URL KAFKA_BROKERS
# Progress and errors go to stderr, so only those lines reach stdout.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-up}" in
  up)
    database_url=$("$HERE/postgres.sh" up | tail -n 1)
    kafka_brokers=$("$HERE/kafka.sh" up | tail -n 1)
    [ -n "$database_url" ] || { echo "services: postgres.sh printed no DATABASE_URL" >&2; exit 1; }
    [ -n "$kafka_brokers" ] || { echo "services: kafka.sh printed no broker address" >&2; exit 1; }
    printf 'DATABASE_URL=%q\n' "$database_url"
    printf 'KAFKA_BROKERS=%q\n' "$kafka_brokers"
    ;;
  down)
    # Stop both even when one of them fails, and report failure afterwards.
    status=0
    "$HERE/kafka.sh" down >/dev/null || status=1
    "$HERE/postgres.sh" down >/dev/null || status=1
    exit "$status"
    ;;
  *)
    echo "usage: $0 [up|down]" >&2
    exit 1
    ;;
esac
