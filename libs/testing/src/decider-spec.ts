import { expect } from 'vitest';

/**
 * A decider as ARCHITECTURE.md describes it. `decide` returns the new events or throws an error carrying a
 * `code`; `evolve` gets the event's metadata (at least its time) so that time-stamped state stays pure.
 */
export interface Decider<Command, Event, State, Context, Meta> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event, meta: Meta): State;
  initialState: State;
}

const TIMED = Symbol('timed-event');

/** A history event with its own time, for histories that span more than one instant. */
export interface TimedEvent<Event> {
  readonly [TIMED]: true;
  readonly event: Event;
  readonly occurred_at: string;
}

/** Pins a history event to a time: `given([created, at('2024-11-30T00:00:00Z', expired)])`. */
export function at<Event>(occurred_at: string, event: Event): TimedEvent<Event> {
  return { [TIMED]: true, event, occurred_at };
}

function isTimed<Event>(item: Event | TimedEvent<Event>): item is TimedEvent<Event> {
  return typeof item === 'object' && item !== null && TIMED in item;
}

export interface DeciderSpecOptions<Context, Meta> {
  /** The clock: the time of history events without `at(...)`, and of commands without their own `now`. */
  now: string;
  /** Builds the command context for a time. Default: `{ now }`. */
  context?: (now: string) => Context;
  /** Builds event metadata for a time. Default: `{ occurred_at }`. */
  meta?: (occurred_at: string) => Meta;
}

export interface WhenOptions<Context> {
  /** The command's time (default: the spec's clock). */
  now?: string;
  /** Merged over the context built for `now` (e.g. a different actor). */
  context?: Partial<Context>;
}

export interface Outcome<Event, State> {
  events: Event[];
  /** The state after the history and the new events, evolved at the command's time. */
  state: State;
}

export interface CodedError extends Error {
  code: string;
  details?: unknown;
}

export interface Given<Command, Event, State, Context> {
  /** The state folded from the history. */
  readonly state: State;
  when(command: Command, options?: WhenOptions<Context>): When<Event, State>;
}

export interface When<Event, State> {
  /** Asserts the exact events (asymmetric matchers such as `expect.any(String)` work inside). */
  then(expected: Event[]): Outcome<Event, State>;
  /** Asserts only that `decide` accepted the command, for checks on the resulting state. */
  thenSucceeds(): Outcome<Event, State>;
  /** Asserts that `decide` refused with this code (and, when given, these details). */
  thenError(code: string, details?: unknown): CodedError;
}

export interface DeciderSpec<Command, Event, State, Context> {
  given(history?: Array<Event | TimedEvent<Event>>): Given<Command, Event, State, Context>;
}

/**
 * Given/when/then over any decider:
 * `spec.given([created]).when(command).then([event])` or `.thenError('invalid_transition')`.
 */
export function deciderSpec<Command, Event, State, Context = { now: string }, Meta = { occurred_at: string }>(
  decider: Decider<Command, Event, State, Context, Meta>,
  options: DeciderSpecOptions<Context, Meta>,
): DeciderSpec<Command, Event, State, Context> {
  const contextAt = options.context ?? ((now: string) => ({ now }) as unknown as Context);
  const metaAt = options.meta ?? ((occurred_at: string) => ({ occurred_at }) as unknown as Meta);

  return {
    given(history = []) {
      const state = history.reduce<State>((current, item) => {
        const [event, occurredAt] = isTimed(item) ? [item.event, item.occurred_at] : [item, options.now];
        return decider.evolve(current, event, metaAt(occurredAt));
      }, decider.initialState);

      return {
        state,
        when(command, whenOptions = {}) {
          const now = whenOptions.now ?? options.now;
          const context = { ...contextAt(now), ...whenOptions.context } as Context;
          const run = (): Event[] => decider.decide(command, state, context);
          const accepted = (): Outcome<Event, State> => {
            let events: Event[];
            try {
              events = run();
            } catch (error) {
              throw new Error(`expected events, but decide refused: ${explain(error)}`, { cause: error });
            }
            const after = events.reduce(
              (current, event) => decider.evolve(current, event, metaAt(now)),
              state,
            );
            return { events, state: after };
          };

          return {
            then(expected) {
              if (typeof expected === 'function') {
                throw new Error(
                  'a spec is not a promise: call .then([...expected events]) without awaiting it',
                );
              }
              const outcome = accepted();
              expect(outcome.events).toEqual(expected);
              return outcome;
            },
            thenSucceeds() {
              return accepted();
            },
            thenError(code, details) {
              let events: Event[];
              try {
                events = run();
              } catch (error) {
                const coded = error as CodedError;
                expect(error, `decide threw a non-domain error: ${explain(error)}`).toBeInstanceOf(Error);
                expect({ code: coded.code, message: coded.message }).toMatchObject({ code });
                if (details !== undefined) expect(coded.details).toEqual(details);
                return coded;
              }
              throw new Error(`expected error "${code}", but decide returned ${JSON.stringify(events)}`);
            },
          };
        },
      };
    },
  };
}

function explain(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Partial<CodedError>).code;
    return code ? `${code}: ${error.message}` : `${error.name}: ${error.message}`;
  }
  return String(error);
}
