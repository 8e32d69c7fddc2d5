import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SESSION_INTEGRATION_EVENT_JSON_SCHEMA } from './session-integration-event.schema';
import { sessionEventsAsyncApi } from './session-events.asyncapi';
import { SESSION_EVENTS_TOPIC } from './topics';

const DOCUMENT = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');

describe('docs/asyncapi.yaml', () => {
  const document = parse(readFileSync(DOCUMENT, 'utf8'));

  it('is the document the contract generates (run `npm run docs:asyncapi` after changing the contract)', () => {
    expect(document).toEqual(sessionEventsAsyncApi());
  });

  it('describes the public topic with the integration event schema as its payload', () => {
    expect(document.asyncapi).toBe('3.0.0');
    const channel = document.channels.sessionEvents;
    expect(channel.address).toBe(SESSION_EVENTS_TOPIC);
    expect(channel.messages.sessionEvent.payload.schema).toEqual(SESSION_INTEGRATION_EVENT_JSON_SCHEMA);
    // Every reference resolves inside the document.
    const resolve = (ref: string) => ref.slice(2).split('/').reduce((node, key) => node?.[key], document);
    const operation = document.operations.receiveSessionEvents;
    expect(resolve(operation.channel.$ref)).toBe(channel);
    expect(operation.messages.map((m: { $ref: string }) => resolve(m.$ref))).toEqual([channel.messages.sessionEvent]);
  });
});
