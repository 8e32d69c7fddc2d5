export * from './sql-client.port';
export * from './sql-errors';
export * from './serial-queue';
export * from './pg-client';
export * from './pglite-client';
export * from './migrator';
