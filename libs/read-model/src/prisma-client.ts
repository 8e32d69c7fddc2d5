import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client';

export { PrismaClient };
export type ReadModelClient = PrismaClient;

export type ReadModelConnection = { kind: 'postgres'; connectionString: string } | { kind: 'pglite'; db: PGlite };

/** Prisma 7 through a driver adapter: no Rust engine; embedded mode shares the one PGlite instance. */
export function createReadModelClient(connection: ReadModelConnection): ReadModelClient {
  const adapter =
    connection.kind === 'postgres'
      ? new PrismaPg({ connectionString: connection.connectionString })
      : new PrismaPGlite(connection.db);
  return new PrismaClient({ adapter });
}

/** Nest injection token of the read model's Prisma client. */
export const READ_MODEL = Symbol('READ_MODEL');
