import type { RecordedEvent } from '@kyc/event-store';
import { SubjectErasedError, type PiiVault } from '@kyc/pii-vault';
import { gone } from '@kyc/session-domain';
import type { DomainEvent } from './decider';
import { mapPersonalData, personalDataSubject } from './personal-data-policy';

/**
 * Turns domain events into stored data and back. Personal data is sealed with the data key of the
 * aggregate it belongs to (`subjectId`, or the one the personal-data policy names for the event), so
 * destroying that key erases it from every stored copy.
 */
export class EventCodec {
  constructor(private readonly vault: PiiVault) {}

  async encode(subjectId: string, event: DomainEvent): Promise<unknown> {
    try {
      const subject = personalDataSubject(event.type, event.data, subjectId);
      return await mapPersonalData(event.type, event.data, (value) => this.vault.seal(subject, value));
    } catch (error) {
      // A delete in progress destroyed the key before recording itself: the session is as good as gone.
      if (error instanceof SubjectErasedError) throw gone();
      throw error;
    }
  }

  /** Fetches the data keys of these aggregates at once, before decoding the events of many of them. */
  preload(subjectIds: readonly string[]): Promise<void> {
    return this.vault.preload(subjectIds);
  }

  /** Erased personal data reads as `{"$erased":true}`; the rest of the event stays readable. */
  async decode<E extends DomainEvent>(subjectId: string, recorded: RecordedEvent): Promise<E> {
    const data = await this.vault.unsealDeep(personalDataSubject(recorded.type, recorded.data, subjectId), recorded.data as never);
    return { type: recorded.type, data } as E;
  }
}
