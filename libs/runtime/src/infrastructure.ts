import type { AppConfig } from '@kyc/config';
import type { ReadinessProbe } from '@kyc/gateway-http';
import { createPgClient, createPgliteClient, migrate, type SqlClient } from '@kyc/database';
import { createEventStoreDbEventStore, createPostgresEventStore, type EventStore } from '@kyc/event-store';
import { MESSAGING_MIGRATIONS_DIR, MESSAGING_MIGRATIONS_OWNER } from '@kyc/messaging';
import { PII_VAULT_MIGRATIONS_DIR, PII_VAULT_MIGRATIONS_OWNER, PiiVault } from '@kyc/pii-vault';
import { createReadModelClient, READ_MODEL_MIGRATIONS_DIR, type ReadModelClient } from '@kyc/read-model';
import { SessionApplication, type Clock } from '@kyc/session-application';
import { LocalFileStorage, S3DocumentStorage, type DocumentStorage } from '@kyc/storage';

/** What every service process opens: the database, event store, key vault, documents, read model. */
export interface Infrastructure {
  database: 'postgres' | 'pglite';
  eventStore: 'postgres' | 'eventstoredb';
  sql: SqlClient;
  store: EventStore;
  vault: PiiVault;
  documents: DocumentStorage;
  readModel: ReadModelClient;
  application: SessionApplication;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * One database holds the key table, the relay's checkpoint, the read model and (unless EventStoreDB is
 * configured) the event store: PostgreSQL when configured, embedded PGlite (one instance shared by every
 * part) otherwise. Documents go to S3 when a bucket is configured, to local files otherwise. Migrations run
 * at start.
 */
export async function openInfrastructure(config: AppConfig, clock: Clock = () => new Date()): Promise<Infrastructure> {
  const database = config.database;
  const sql =
    database.kind === 'pglite' ? await createPgliteClient(database.dataDir) : createPgClient(database.url);
  try {
    await migrate(sql, PII_VAULT_MIGRATIONS_DIR, { owner: PII_VAULT_MIGRATIONS_OWNER });
    await migrate(sql, READ_MODEL_MIGRATIONS_DIR, { owner: 'read-model' });
    await migrate(sql, MESSAGING_MIGRATIONS_DIR, { owner: MESSAGING_MIGRATIONS_OWNER });
    const store = config.eventStoreConnectionString
      ? createEventStoreDbEventStore(config.eventStoreConnectionString)
      : await createPostgresEventStore(sql);
    const vault = new PiiVault(sql, { masterKey: config.masterKey });
    const storage = config.documentStorage;
    const documents =
      storage.kind === 's3'
        ? new S3DocumentStorage({ bucket: storage.bucket, endpoint: storage.endpoint })
        : new LocalFileStorage(storage.rootDir);
    const readModel = createReadModelClient(
      sql.kind === 'pglite' && 'pglite' in sql
        ? { kind: 'pglite', db: sql.pglite }
        : { kind: 'postgres', connectionString: (database as { url: string }).url },
    );
    const application = new SessionApplication(store, vault, documents, clock);
    return {
      database: database.kind,
      eventStore: config.eventStoreConnectionString ? 'eventstoredb' : 'postgres',
      sql,
      store,
      vault,
      documents,
      readModel,
      application,
      clock,
      async close() {
        await store.close();
        if (documents instanceof S3DocumentStorage) documents.destroy();
        await readModel.$disconnect();
        await sql.close();
      },
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
}

/** The readiness probes every process over this infrastructure has: the event store and the read model. */
export function infrastructureProbes(infra: Pick<Infrastructure, 'store' | 'readModel'>): ReadinessProbe[] {
  return [
    { name: 'event_store', check: async () => void (await infra.store.headPosition()) },
    { name: 'read_model', check: async () => void (await infra.readModel.$queryRawUnsafe('SELECT 1')) },
  ];
}
