CREATE TABLE "tenants" (
  "tenant_id" UUID PRIMARY KEY,
  "name" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE "api_keys" (
  "key_id" TEXT PRIMARY KEY,
  "tenant_id" UUID NOT NULL REFERENCES "tenants"("tenant_id") ON DELETE CASCADE,
  "name" TEXT NOT NULL,
  "secret_hash" BYTEA NOT NULL,
  "scopes" TEXT[] NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "last_used_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3)
);
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

CREATE TABLE "idempotency_records" (
  "tenant_id" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "method" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "request_hash" TEXT NOT NULL,
  "status_code" INTEGER NOT NULL,
  "response_body" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenant_id", "key")
);
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

CREATE TABLE "workflow_versions" (
  "workflow_id" UUID NOT NULL,
  "version" INTEGER NOT NULL,
  "tenant_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "definition" JSONB NOT NULL,
  "archived" BOOLEAN NOT NULL DEFAULT false,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY ("workflow_id", "version")
);
CREATE INDEX "workflow_versions_tenant_id_workflow_id_idx" ON "workflow_versions"("tenant_id", "workflow_id");

CREATE TABLE "session_views" (
  "session_id" UUID PRIMARY KEY,
  "tenant_id" UUID NOT NULL,
  "workflow_id" UUID NOT NULL,
  "workflow_version" INTEGER NOT NULL,
  "workflow_name" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "compliance_status" TEXT NOT NULL,
  "current_step_index" INTEGER NOT NULL,
  "completed_steps" INTEGER NOT NULL,
  "total_steps" INTEGER NOT NULL,
  "expires_at" BIGINT NOT NULL,
  "metadata" JSONB NOT NULL,
  "customer_id" TEXT,
  "priority" TEXT NOT NULL,
  "assigned_to" TEXT,
  "risk_score" DOUBLE PRECISION,
  "risk_level" TEXT,
  "validations_run" TEXT[] NOT NULL DEFAULT '{}',
  "parent_session_id" UUID,
  "parent_step_id" TEXT,
  "label" TEXT,
  "access_token" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "completed_at" TIMESTAMPTZ(3),
  "stream_version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "session_views_access_token_key" ON "session_views"("access_token");
CREATE INDEX "session_views_tenant_id_created_at_session_id_idx" ON "session_views"("tenant_id", "created_at" DESC, "session_id" DESC);
CREATE INDEX "session_views_tenant_id_status_idx" ON "session_views"("tenant_id", "status");
CREATE INDEX "session_views_tenant_id_workflow_id_idx" ON "session_views"("tenant_id", "workflow_id");
CREATE INDEX "session_views_tenant_id_customer_id_idx" ON "session_views"("tenant_id", "customer_id");
CREATE INDEX "session_views_parent_session_id_idx" ON "session_views"("parent_session_id");

CREATE TABLE "projection_checkpoints" (
  "name" TEXT PRIMARY KEY,
  "position" TEXT NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
