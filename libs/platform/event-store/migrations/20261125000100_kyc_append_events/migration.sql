-- An append in one statement, so one round trip: take the stream's turn, check the expected version, reserve
-- the positions (kyc_reserve_event_positions must be the transaction's first write), advance the stream and
-- insert the events. Runs in the caller's (or the statement's implicit) transaction; the stream lock is held
-- until it ends.
--   p_expected: the version the writer saw, or -1 for any.
--   p_events:   [{event_id, type, data, metadata}, ...] in order.
-- A version conflict raises SQLSTATE KYC01 with the stream's current version as its DETAIL.
CREATE FUNCTION kyc_append_events(p_stream TEXT, p_expected INTEGER, p_events JSONB, p_lock_seed BIGINT)
RETURNS TABLE (version INTEGER, last_position BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  v_current   INTEGER;
  v_count     INTEGER := jsonb_array_length(p_events);
  v_positions BIGINT[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, p_lock_seed));
  SELECT s.version INTO v_current FROM kyc_event_streams s WHERE s.stream_id = p_stream;
  v_current := coalesce(v_current, 0);
  IF p_expected >= 0 AND p_expected <> v_current THEN
    RAISE EXCEPTION 'stream %: expected version %, found %', p_stream, p_expected, v_current
      USING ERRCODE = 'KYC01', DETAIL = v_current::text;
  END IF;

  SELECT array_agg(p ORDER BY p) INTO v_positions FROM kyc_reserve_event_positions(v_count) AS p;

  INSERT INTO kyc_event_streams AS s (stream_id, version) VALUES (p_stream, v_current + v_count)
    ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version WHERE s.version = v_current;
  IF NOT FOUND THEN
    -- Only a writer that bypassed the stream lock gets here; the constraint on events backs this up.
    RAISE EXCEPTION 'stream %: concurrent writer', p_stream USING ERRCODE = 'KYC01', DETAIL = v_current::text;
  END IF;

  INSERT INTO kyc_events (position, stream_id, version, event_id, type, data, metadata)
  SELECT v_positions[e.ord], p_stream, v_current + e.ord::INTEGER, e.value->>'event_id', e.value->>'type',
         coalesce(e.value->'data', 'null'::jsonb), e.value->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord);

  RETURN QUERY SELECT v_current + v_count, v_positions[v_count];
END;
$$;
