export * from './message-bus-contract';
export * from './decider-spec';
export * from './document-storage-contract';
export * from './event-store-contract';
export * from './test-database';
export * from './json-schema-validator';
export * from './asyncapi-document';
export { WebhookReceiver, type ReceivedWebhook } from './webhook-receiver';
