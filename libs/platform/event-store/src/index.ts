export * from './event-store.port';
export * from './duplicate-event-id.error';
export * from './catch-up-subscription';
export * from './postgres-event-store';
export * from './event-store-migrations';
export {
  EventStoreDbEventStore,
  createEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbClient } from './eventstoredb/eventstoredb-client';
export { SubscriptionEndedError, type ResubscribeTiming } from './eventstoredb/resubscribing-subscription';
