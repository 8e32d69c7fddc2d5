import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  StreamingRead,
  SubscribeToAllOptions,
} from '@eventstore/db-client';

/** The calls of `@eventstore/db-client` this store makes; an EventStoreDBClient is one. */
export interface EventStoreDbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<AppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): StreamingRead<ResolvedEvent>;
  readAll(options: ReadAllOptions): StreamingRead<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): AllStreamSubscription;
  dispose(): Promise<void>;
}

/** Errors of a read reach its reader through the iteration; this listener only keeps a late one from crashing the process. */
export const ignoreLateError = (): void => undefined;

/** Every result of a finite read, in order; rejects with the read's error. */
export async function readToEnd<T>(read: StreamingRead<T>): Promise<T[]> {
  read.on('error', ignoreLateError);
  const results: T[] = [];
  for await (const result of read) results.push(result);
  return results;
}
