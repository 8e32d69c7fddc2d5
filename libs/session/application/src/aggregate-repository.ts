import { randomUUID } from 'node:crypto';
import { VersionConflictError, type EventActor, type EventStore, type RecordedEvent } from '@kyc/event-store';
import type { Decider, DomainEvent } from './decider';
import type { EventCodec } from './event-codec';

export interface CommandOrigin {
  actor: EventActor;
  tenant_id: string;
  correlation_id: string;
  causation_id?: string | null;
}

export interface Loaded<State, Event> {
  state: State;
  version: number;
  events: { event: Event; recorded: RecordedEvent }[];
}

export interface Handled<State, Event> {
  state: State;
  /** Events this command appended (empty when the command changed nothing). */
  events: Event[];
  version: number;
  /** Global position of the last appended event, for read-your-writes waits. */
  position: bigint | null;
}

export const EVENT_SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 4;

/**
 * Load -> decide -> append with the expected version. A concurrent writer makes the append fail with a
 * version conflict; the command is then decided again on the fresh state, a few times, before giving up.
 */
export class AggregateRepository<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly decider: Decider<Command, Event, State>,
    private readonly streamPrefix: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  streamId(id: string): string {
    return `${this.streamPrefix}-${id}`;
  }

  async load(id: string): Promise<Loaded<State, Event>> {
    return this.fold(id, await this.store.readStream(this.streamId(id)));
  }

  /** Several aggregates, with one read of their streams and one of their data keys where the stores allow. */
  async loadMany(ids: readonly string[]): Promise<Map<string, Loaded<State, Event>>> {
    const unique = [...new Set(ids)];
    const [streams] = await Promise.all([this.store.readStreams(unique.map((id) => this.streamId(id))), this.codec.preload(unique)]);
    const loaded = await Promise.all(unique.map((id) => this.fold(id, streams.get(this.streamId(id)) ?? [])));
    return new Map(unique.map((id, i) => [id, loaded[i]]));
  }

  private async fold(id: string, recorded: RecordedEvent[]): Promise<Loaded<State, Event>> {
    const events = await Promise.all(recorded.map(async (r) => ({ event: await this.codec.decode<Event>(id, r), recorded: r })));
    let state = this.decider.initialState;
    for (const { event, recorded: r } of events) state = this.decider.evolve(state, event, { occurred_at: r.metadata.occurred_at });
    return { state, version: recorded.length, events };
  }

  /**
   * `options.expectNew`: the caller just minted `id`, so the stream is all but certainly empty: decide on the
   * initial state without reading it (the append still insists on version 0, and a conflict reloads).
   */
  async handle(id: string, command: Command, origin: CommandOrigin, options: { expectNew?: boolean } = {}): Promise<Handled<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } =
        options.expectNew && attempt === 1 ? { state: this.decider.initialState, version: 0 } : await this.load(id);
      const now = this.clock().toISOString();
      const events = this.decider.decide(command, state, { now, actor: origin.actor });
      if (events.length === 0) return { state, events, version, position: null };
      const stored = await Promise.all(
        events.map(async (event) => ({
          event_id: randomUUID(),
          type: event.type,
          data: await this.codec.encode(id, event),
          metadata: {
            correlation_id: origin.correlation_id,
            causation_id: origin.causation_id ?? null,
            actor: origin.actor,
            tenant_id: origin.tenant_id,
            occurred_at: now,
            schema_version: EVENT_SCHEMA_VERSION,
          },
        })),
      );
      try {
        const appended = await this.store.append(this.streamId(id), stored, version);
        const next = events.reduce((s, e) => this.decider.evolve(s, e, { occurred_at: now }), state);
        return { state: next, events, version: appended.version, position: appended.position };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
