import { join } from 'node:path';

/** Hand-written SQL migrations in Prisma's layout, applied at start by the platform's migrator. */
export const READ_MODEL_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');
