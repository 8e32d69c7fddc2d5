import { join } from 'node:path';

/** SQL migrations (Prisma's folder layout) for the key table; apply them with owner `PII_VAULT_MIGRATIONS_OWNER`. */
export const PII_VAULT_MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
export const PII_VAULT_MIGRATIONS_OWNER = 'pii-vault';
