import { join } from 'node:path';

/** SQL migrations (Prisma's folder layout) for the relay's checkpoint table; apply them with owner `MESSAGING_MIGRATIONS_OWNER`. */
export const MESSAGING_MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
export const MESSAGING_MIGRATIONS_OWNER = 'messaging';
