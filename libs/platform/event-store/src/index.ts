export * from './event-store.port';
export * from './duplicate-event-id.error';
export * from './catch-up-subscription';
export * from './postgres-event-store';
export * from './event-store-migrations';
