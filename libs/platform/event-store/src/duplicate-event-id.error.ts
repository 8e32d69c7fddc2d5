/** An append carried an event id that is already stored (or twice in one batch); nothing of it was written. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`stream ${streamId}: event id already stored: ${eventIds.join(', ') || '(in a concurrent append)'}`);
    this.name = 'DuplicateEventIdError';
  }
}
