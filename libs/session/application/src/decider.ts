import type { EventActor } from '@kyc/event-store';

/** The shape every aggregate's decider has (sessions, workflows): pure functions over events. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State, context: { now: string; actor?: EventActor }): Event[];
  evolve(state: State, event: Event, meta: { occurred_at: string }): State;
  initialState: State;
}
