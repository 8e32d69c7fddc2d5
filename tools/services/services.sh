#!/usr/bin/env bash
# Starts (or, with `down`, stops) every local service the platform needs: PostgreSQL, Kafka and an
# S3-compatible object store. On `up` it prints, last, the NAME=value lines that reach them, ready to load:
#   eval "$(tools/services/services.sh)"
#   export DATABASE_URL KAFKA_BROKERS S3_ENDPOINT S3_BUCKET AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
# Progress and errors go to stderr, so only those lines reach stdout.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-up}" in
  up)
    database_url=$("$HERE/postgres.sh" up | tail -n 1)
    kafka_brokers=$("$HERE/kafka.sh" up | tail -n 1)
    # s3.sh prints its five NAME=value lines already quoted for eval.
    s3_env=$("$HERE/s3.sh" up | tail -n 5)
    [ -n "$database_url" ] || { echo "services: postgres.sh printed no DATABASE_URL" >&2; exit 1; }
    [ -n "$kafka_brokers" ] || { echo "services: kafka.sh printed no broker address" >&2; exit 1; }
    for name in S3_ENDPOINT S3_BUCKET AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION; do
      grep -q "^$name=" <<<"$s3_env" || { echo "services: s3.sh printed no $name" >&2; exit 1; }
    done
    printf 'DATABASE_URL=%q\n' "$database_url"
    printf 'KAFKA_BROKERS=%q\n' "$kafka_brokers"
    echo "$s3_env"
    ;;
  down)
    # Stop each even when another fails, and report failure afterwards.
    status=0
    "$HERE/s3.sh" down >/dev/null || status=1
    "$HERE/kafka.sh" down >/dev/null || status=1
    "$HERE/postgres.sh" down >/dev/null || status=1
    exit "$status"
    ;;
  *)
    echo "usage: $0 [up|down]" >&2
    exit 1
    ;;
esac
