-- The event store: one row per stream (its current version) and one row per event in a global log ordered by
-- `position`. Writers of one stream take turns under a transaction-level advisory lock on the stream id, so a
-- stream's versions and positions grow together.
--
-- Readers of the global log only return events whose writing transaction is older than the oldest transaction
-- still in flight (pg_snapshot_xmin). That is only gap-free if positions are handed out in the same order as
-- transaction ids; otherwise a transaction with a newer id but an older position could commit after a reader
-- moved past that position. kyc_reserve_event_positions() gives both out together under a short lock, and is
-- the only source of positions (the column has no default, so a stray INSERT cannot break the order).

CREATE TABLE kyc_event_streams (
  stream_id TEXT PRIMARY KEY,
  version   INTEGER NOT NULL CHECK (version > 0)
);

CREATE SEQUENCE kyc_event_position_seq AS BIGINT MINVALUE 1;

CREATE TABLE kyc_events (
  position       BIGINT PRIMARY KEY,
  stream_id      TEXT NOT NULL REFERENCES kyc_event_streams (stream_id),
  version        INTEGER NOT NULL CHECK (version > 0),
  event_id       TEXT NOT NULL,
  type           TEXT NOT NULL,
  data           JSONB NOT NULL,
  metadata       JSONB NOT NULL,
  transaction_id XID8 NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT kyc_events_stream_version_key UNIQUE (stream_id, version),
  CONSTRAINT kyc_events_event_id_key UNIQUE (event_id)
);

ALTER SEQUENCE kyc_event_position_seq OWNED BY kyc_events.position;

-- Assigns the calling transaction its id and `how_many` positions inside one critical section, so that
-- transaction ids and positions increase together. Must be the transaction's first write. The lock is a
-- session-level advisory lock released before returning (a transaction-level one would be held to commit and
-- serialise every append); the exception block makes sure an error or a cancel in between releases it too.
CREATE FUNCTION kyc_reserve_event_positions(how_many INTEGER) RETURNS SETOF BIGINT
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'event positions must be reserved before the transaction writes anything'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF how_many IS NULL OR how_many < 1 THEN
    RAISE EXCEPTION 'how_many must be positive, got %', how_many USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_lock(7020711097658716001);
  BEGIN
    PERFORM pg_current_xact_id();
    RETURN QUERY SELECT nextval('kyc_event_position_seq') FROM generate_series(1, how_many);
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(7020711097658716001);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(7020711097658716001);
END;
$$;
