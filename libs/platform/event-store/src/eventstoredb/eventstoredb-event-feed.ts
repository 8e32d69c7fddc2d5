import type { AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { ignoreLateError, type EventStoreDbClient } from './eventstoredb-client';
import { toRecordedEvent } from './eventstoredb-event-mapping';
import { toReadPosition } from './eventstoredb-position';
import type { StreamSelection } from './eventstoredb-stream-selection';
import type { EventFeed } from './feed-buffer';

/**
 * A catch-up subscription of EventStoreDB to $all after `from` (the server starts after the event at `from`),
 * filtered on the server to the selected streams, read with `for await` so that the next event is pulled only
 * once the previous one was taken. It is opened when its iteration starts, in the same step, so that no error
 * of the client can be emitted before someone listens.
 */
export function openAllStreamFeed(
  client: Pick<EventStoreDbClient, 'subscribeToAll'>,
  selection: StreamSelection,
  from: bigint,
): EventFeed {
  let subscription: AllStreamSubscription | null = null;
  let cancelled = false;
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
      if (cancelled) return;
      subscription = client.subscribeToAll({
        fromPosition: toReadPosition(from),
        filter: selection.serverFilter(),
        resolveLinkTos: false,
      });
      subscription.on('error', ignoreLateError);
      for await (const resolved of subscription) {
        if (resolved.event && selection.includes(resolved.event)) yield toRecordedEvent(resolved.event);
      }
    },
    async cancel(): Promise<void> {
      cancelled = true;
      if (!subscription) return;
      // Destroying the client's stream ends the iteration at once. Cancelling the call on the server needs the
      // call to exist; not waiting for that keeps close() prompt while the client is still discovering a cluster.
      subscription.destroy();
      void subscription.unsubscribe().catch(ignoreLateError);
    },
  };
}
