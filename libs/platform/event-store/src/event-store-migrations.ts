import { join } from 'node:path';

/** SQL migrations (Prisma's folder layout) of the PostgreSQL event store; apply them with owner EVENT_STORE_MIGRATIONS_OWNER. */
export const EVENT_STORE_MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
export const EVENT_STORE_MIGRATIONS_OWNER = 'event-store';
