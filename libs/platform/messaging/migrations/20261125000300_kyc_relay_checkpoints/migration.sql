-- How far each relay has published the event store's global log. A relay moves its row only after the broker
-- acknowledged every event up to that position, so after a crash it republishes from here (at least once).
CREATE TABLE "kyc_relay_checkpoints" (
  "name" TEXT PRIMARY KEY,
  "position" BIGINT NOT NULL CHECK ("position" >= 0),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
