import {
  jsonEvent,
  type EventData,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';
import { versionOfRevision } from './eventstoredb-expected-revision';
import { toGlobalPosition } from './eventstoredb-position';

/**
 * Our metadata as EventStoreDB stores it: every field as is, plus the two keys EventStoreDB itself reads
 * ($correlationId, $causationId: its by-correlation-id projection and its UI follow them). Keys starting
 * with '$' belong to EventStoreDB and are dropped again when reading.
 */
export function toStoredMetadata(metadata: EventMetadata): Record<string, unknown> {
  return {
    ...metadata,
    $correlationId: metadata.correlation_id,
    ...(metadata.causation_id === null ? {} : { $causationId: metadata.causation_id }),
  };
}

export function fromStoredMetadata(stored: unknown): EventMetadata {
  if (
    typeof stored !== 'object' ||
    stored === null ||
    Array.isArray(stored) ||
    stored instanceof Uint8Array
  ) {
    throw new TypeError('event metadata is not a JSON object');
  }
  return Object.fromEntries(
    Object.entries(stored).filter(([key]) => !key.startsWith('$')),
  ) as unknown as EventMetadata;
}

/**
 * A new event as the client sends it: JSON data and metadata, our event id as EventStoreDB's event id (the
 * server recognises a repeated append of the same ids as idempotent).
 */
export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.event_id,
    type: event.type,
    // The client writes data with JSON.stringify, so every JSON value round-trips (its type names only objects,
    // arrays and strings); undefined is not JSON and is stored as null, as by the other adapters.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: toStoredMetadata(event.metadata),
  });
}

/** An event read from EventStoreDB as the port's RecordedEvent; throws when it is not one this store wrote. */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const where = `event ${event.id} (stream ${event.streamId}, revision ${event.revision})`;
  if (!event.isJson) throw new TypeError(`${where}: its data is not JSON`);
  if (!event.position)
    throw new Error(`${where}: the server reported no position; EventStoreDB 22.6 or later reports one`);
  let metadata: EventMetadata;
  try {
    metadata = fromStoredMetadata(event.metadata);
  } catch (error) {
    throw new TypeError(`${where}: ${(error as Error).message}`);
  }
  return {
    event_id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    stream_id: event.streamId,
    version: versionOfRevision(event.revision),
    position: toGlobalPosition(event.position),
  };
}
