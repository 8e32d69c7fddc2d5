-- Tenants' webhook endpoints and the deliveries of session events to them. One delivery per endpoint and
-- event (the unique key makes a redelivered event enqueue nothing twice).
CREATE TABLE "webhook_endpoints" (
  "webhook_id" UUID NOT NULL PRIMARY KEY,
  "tenant_id" UUID NOT NULL,
  "url" TEXT NOT NULL,
  -- Empty: every event type.
  "event_types" TEXT[] NOT NULL,
  "description" TEXT,
  -- The signing secret, AES-256-GCM under a key derived from the master key.
  "secret_sealed" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "webhook_endpoints_tenant_id_idx" ON "webhook_endpoints" ("tenant_id");

CREATE TABLE "webhook_deliveries" (
  "delivery_id" UUID NOT NULL PRIMARY KEY,
  "webhook_id" UUID NOT NULL REFERENCES "webhook_endpoints" ("webhook_id") ON DELETE CASCADE,
  "tenant_id" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "event_type" TEXT NOT NULL,
  "session_id" UUID NOT NULL,
  "payload" JSONB NOT NULL,
  -- pending | delivered | failed
  "status" TEXT NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
  "last_status_code" INTEGER,
  "last_error" TEXT,
  "delivered_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  UNIQUE ("webhook_id", "event_id")
);
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending';
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries" ("webhook_id", "created_at" DESC);
