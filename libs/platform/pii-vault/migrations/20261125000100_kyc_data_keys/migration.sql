-- One data key per subject (a session), wrapped with the master key. Destroying a subject's key
-- (crypto-shredding) clears wrapped_key and sets destroyed_at: the row stays as a tombstone so that nothing
-- can be sealed for that subject again.
CREATE TABLE "kyc_data_keys" (
  "subject_id" TEXT PRIMARY KEY,
  "wrapped_key" BYTEA,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "destroyed_at" TIMESTAMPTZ(3),
  CONSTRAINT "kyc_data_keys_key_xor_tombstone" CHECK (("wrapped_key" IS NULL) = ("destroyed_at" IS NOT NULL))
);
