import type { RecordedEvent as ServerRecordedEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import type { EventMetadata, NewEvent } from '../event-store.port';
import {
  fromStoredMetadata,
  toEventData,
  toRecordedEvent,
  toStoredMetadata,
} from './eventstoredb-event-mapping';

const metadata: EventMetadata = {
  correlation_id: 'corr-1',
  causation_id: 'cause-1',
  actor: { type: 'api_key', id: 'key-1' },
  tenant_id: 'tenant-1',
  occurred_at: '2024-05-01T10:00:00.000Z',
  schema_version: 2,
};

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  event_id: '0b6b1a8e-7f6d-4c39-9d0e-2f7f4d5c1a11',
  type: 'SessionCreated',
  data: { session_id: 's-1', steps: ['id', 'selfie'] },
  metadata,
  ...overrides,
});

/** An event as the client returns it from a read, for what the store wrote. */
const serverEvent = (overrides: Record<string, unknown> = {}): ServerRecordedEvent =>
  ({
    streamId: 'session-1',
    id: '0b6b1a8e-7f6d-4c39-9d0e-2f7f4d5c1a11',
    isJson: true,
    revision: 2n,
    type: 'SessionCreated',
    created: new Date(),
    data: { session_id: 's-1' },
    metadata: toStoredMetadata(metadata),
    position: { commit: 9_000n, prepare: 9_000n },
    ...overrides,
  }) as ServerRecordedEvent;

describe('events and metadata as EventStoreDB stores them', () => {
  it("writes our metadata with EventStoreDB's $correlationId and $causationId", () => {
    expect(toStoredMetadata(metadata)).toEqual({
      ...metadata,
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
    expect(toStoredMetadata({ ...metadata, causation_id: null })).toEqual({
      ...metadata,
      causation_id: null,
      $correlationId: 'corr-1',
    });
  });

  it("reads our metadata back without EventStoreDB's keys", () => {
    expect(fromStoredMetadata(toStoredMetadata(metadata))).toEqual(metadata);
    expect(fromStoredMetadata({ ...metadata, $causationId: 'x', $correlationId: 'y' })).toEqual(metadata);
  });

  it('refuses metadata that is not a JSON object', () => {
    for (const bad of [undefined, null, 'text', [1], new Uint8Array([1])])
      expect(() => fromStoredMetadata(bad)).toThrow(TypeError);
  });

  it('sends an event as JSON under our event id and type', () => {
    const data = toEventData(newEvent());
    expect(data).toEqual({
      id: '0b6b1a8e-7f6d-4c39-9d0e-2f7f4d5c1a11',
      contentType: 'application/json',
      type: 'SessionCreated',
      data: { session_id: 's-1', steps: ['id', 'selfie'] },
      metadata: toStoredMetadata(metadata),
    });
  });

  it('sends any JSON value as data, and undefined as null', () => {
    for (const value of [null, [], 'text', 0, false, { nested: { list: [1, null] } }]) {
      const sent = toEventData(newEvent({ data: value })).data;
      expect(JSON.parse(JSON.stringify(sent))).toEqual(value);
    }
    expect(toEventData(newEvent({ data: undefined })).data).toBeNull();
  });

  it('reads an event back as the port records it: version from revision, position from $all', () => {
    expect(toRecordedEvent(serverEvent())).toEqual({
      event_id: '0b6b1a8e-7f6d-4c39-9d0e-2f7f4d5c1a11',
      type: 'SessionCreated',
      data: { session_id: 's-1' },
      metadata,
      stream_id: 'session-1',
      version: 3,
      position: 9_000n,
    });
  });

  it('refuses events this store cannot have written, naming them', () => {
    expect(() => toRecordedEvent(serverEvent({ isJson: false, data: new Uint8Array([1]) }))).toThrow(
      /session-1.*not JSON/,
    );
    expect(() => toRecordedEvent(serverEvent({ metadata: undefined }))).toThrow(/revision 2.*metadata/);
    expect(() => toRecordedEvent(serverEvent({ position: undefined }))).toThrow(/22\.6/);
  });
});
