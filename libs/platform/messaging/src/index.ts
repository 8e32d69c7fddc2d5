export * from './message-bus.port';
export { resolveRetryPolicy, backoffDelay } from './retry-policy';
export { partitionForKey } from './partitioner';
export { InProcessMessageBus, type InProcessMessageBusOptions } from './in-process/in-process-message-bus';
export {
  EventRelay,
  EventRelayStoppedError,
  MissingSessionSnapshotError,
  type EventRelayOptions,
} from './relay/event-relay';
export { RelayCheckpointRepository } from './relay/relay-checkpoint.repository';
export { MESSAGING_MIGRATIONS_DIR, MESSAGING_MIGRATIONS_OWNER } from './migrations-dir';
export {
  KafkaMessageBus,
  KafkaIdleTimeoutError,
  type KafkaMessageBusOptions,
} from './kafka/kafka-message-bus';
export type { KafkaLogLevel, KafkaLogRecord, KafkaLogSink } from './kafka/kafka-log';
export type { PartitionLag } from './kafka/delivery-progress';
