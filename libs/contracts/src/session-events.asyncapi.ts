import { SESSION_INTEGRATION_EVENT_JSON_SCHEMA } from './session-integration-event.schema';
import { SESSION_EVENTS_TOPIC } from './topics';

/**
 * The AsyncAPI 3 description of the public topic, built from the same JSON Schema the relay's messages are
 * tested against; docs/asyncapi.yaml is this document, written by `npm run docs:asyncapi`.
 */
export function sessionEventsAsyncApi() {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'KYC platform session events',
      version: '1.0.0',
      description:
        'Every domain event of every KYC session, in order per session, at least once. Consumers deduplicate by ' +
        'event_id (or by session_id + version). Personal data is left out; the workflow custom_tags snapshot of ' +
        'the session is on every event.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'The brokers named by KAFKA_BROKERS.' },
    },
    channels: {
      sessionEvents: {
        address: SESSION_EVENTS_TOPIC,
        description: 'Keyed by session_id, so the events of one session stay in one partition, in order.',
        messages: {
          sessionEvent: {
            name: 'SessionIntegrationEvent',
            contentType: 'application/json',
            payload: {
              schemaFormat: 'application/schema+json;version=draft-2020-12',
              schema: SESSION_INTEGRATION_EVENT_JSON_SCHEMA,
            },
            bindings: { kafka: { key: { type: 'string', format: 'uuid', description: 'session_id' }, bindingVersion: '0.5.0' } },
          },
        },
      },
    },
    operations: {
      receiveSessionEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/sessionEvents' },
        messages: [{ $ref: '#/channels/sessionEvents/messages/sessionEvent' }],
      },
    },
  };
}
