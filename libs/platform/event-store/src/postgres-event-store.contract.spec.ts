import { eventStoreContract, testDatabases } from '@kyc/testing';
import { createPostgresEventStore } from './postgres-event-store';

for (const database of testDatabases()) {
  eventStoreContract(`PostgresEventStore on ${database.name}`, async () => {
    const db = await database.create();
    const store = await createPostgresEventStore(db.client);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await db.cleanup();
      },
    };
  });
}
