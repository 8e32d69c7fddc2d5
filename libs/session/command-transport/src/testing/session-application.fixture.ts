import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@kyc/database';
import { createPostgresEventStore, type EventStore } from '@kyc/event-store';
import { PII_VAULT_MIGRATIONS_DIR, PII_VAULT_MIGRATIONS_OWNER, PiiVault } from '@kyc/pii-vault';
import { SessionApplication } from '@kyc/session-application';
import { LocalFileStorage } from '@kyc/storage';
import { createTestSqlClient } from '@kyc/testing';

export interface SessionApplicationFixture {
  application: SessionApplication;
  store: EventStore;
  cleanup(): Promise<void>;
}

/** A real session application over a scratch database (PostgreSQL when DATABASE_URL is set, else PGlite). */
export async function openSessionApplication(): Promise<SessionApplicationFixture> {
  const db = await createTestSqlClient({ announce: false });
  await migrate(db.client, PII_VAULT_MIGRATIONS_DIR, { owner: PII_VAULT_MIGRATIONS_OWNER });
  const store = await createPostgresEventStore(db.client);
  const folder = await mkdtemp(join(tmpdir(), 'kyc-commands-'));
  const application = new SessionApplication(store, new PiiVault(db.client, { masterKey: randomBytes(32) }), new LocalFileStorage(folder));
  return {
    application,
    store,
    async cleanup() {
      await store.close();
      await db.cleanup();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
