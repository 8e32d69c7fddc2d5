-- Ongoing monitoring: each list version the platform has screened approved sessions against, and a
-- fingerprint of every listed entity's screening-relevant facts, so that a newer version (also one that
-- arrives while the platform was down) re-screens against exactly what is new or changed.
CREATE TABLE "screening_list_versions" (
  "list" TEXT NOT NULL,
  "version" TEXT NOT NULL,
  "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "entity_count" INTEGER NOT NULL,
  "added" INTEGER NOT NULL,
  "changed" INTEGER NOT NULL,
  "removed" INTEGER NOT NULL,
  "sessions_screened" INTEGER NOT NULL,
  "sessions_hit" INTEGER NOT NULL,
  PRIMARY KEY ("list", "version")
);

CREATE TABLE "screening_list_entities" (
  "list" TEXT NOT NULL,
  "entity_id" TEXT NOT NULL,
  "fingerprint" TEXT NOT NULL,
  PRIMARY KEY ("list", "entity_id")
);
