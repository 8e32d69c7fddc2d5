export * from './topics';
export * from './session-values';
export * from './session-stream';
export * from './session-integration-event';
export * from './session-integration-event.schema';
export * from './to-integration-event';
export * from './session-events.asyncapi';
