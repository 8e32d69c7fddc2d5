import { streamNameFilter, type Filter } from '@eventstore/db-client';

/** EventStoreDB reserves names and event types starting with '$' for its own streams and records. */
const isSystemName = (name: string) => name.startsWith('$');

/**
 * Which events of $all this store reads back (readAll, subscribeToAll, headPosition): those of its own streams.
 * By default every stream that is not a system stream; with prefixes, only streams whose name starts with one
 * of them (for a server shared with other applications). Events with a system type (a '$' in front, such as
 * a tombstone) never count, whatever their stream.
 */
export class StreamSelection {
  private readonly prefixes: readonly string[] | undefined;

  constructor(prefixes?: readonly string[]) {
    if (prefixes !== undefined) {
      if (prefixes.length === 0)
        throw new RangeError('stream prefixes, when given, must name at least one prefix');
      for (const prefix of prefixes) {
        if (typeof prefix !== 'string' || prefix.length === 0 || isSystemName(prefix)) {
          throw new RangeError(
            `stream prefix must be a non-empty string not starting with '$', got ${JSON.stringify(prefix)}`,
          );
        }
      }
      this.prefixes = [...prefixes];
    }
  }

  /** Whether events appended to this stream show in readAll and subscriptions. */
  coversStream(streamId: string): boolean {
    if (isSystemName(streamId)) return false;
    return this.prefixes === undefined || this.prefixes.some((prefix) => streamId.startsWith(prefix));
  }

  includes(event: { streamId: string; type: string }): boolean {
    return this.coversStream(event.streamId) && !isSystemName(event.type);
  }

  /**
   * The same streams as a server-side filter of a subscription to $all, so that the server skips the others.
   * The client still checks `includes` (the filter cannot look at stream and type at once).
   */
  serverFilter(): Filter {
    return this.prefixes === undefined
      ? streamNameFilter({ regex: '^[^$]' })
      : streamNameFilter({ prefixes: [...this.prefixes] });
  }
}
