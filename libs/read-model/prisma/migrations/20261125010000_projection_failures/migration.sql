-- Aggregates the projection could not write (a poison event): recorded so the read model keeps moving and an
-- operator can see, fix and replay them. One row per projection and stream; the latest failure wins.
CREATE TABLE "projection_failures" (
  "projection" TEXT NOT NULL,
  "stream_id" TEXT NOT NULL,
  "position" TEXT NOT NULL,
  "error" TEXT NOT NULL,
  "failed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("projection", "stream_id")
);
