import type { RecordedEvent } from '@kyc/event-store';
import { SubjectErasedError, type PiiVault } from '@kyc/pii-vault';
import { gone } from '@kyc/session-domain';
import type { DomainEvent } from './decider';
import { mapPersonalData } from './personal-data-policy';

/**
 * Turns domain events into stored data and back. Personal data is sealed with the data key of the
 * aggregate it belongs to (`subjectId`), so destroying that key erases it from every stored copy.
 */
export class EventCodec {
  constructor(private readonly vault: PiiVault) {}

  async encode(subjectId: string, event: DomainEvent): Promise<unknown> {
    try {
      return await mapPersonalData(event.type, event.data, (value) => this.vault.seal(subjectId, value));
    } catch (error) {
      // A delete in progress destroyed the key before recording itself: the session is as good as gone.
      if (error instanceof SubjectErasedError) throw gone();
      throw error;
    }
  }

  /** Erased personal data reads as `{"$erased":true}`; the rest of the event stays readable. */
  async decode<E extends DomainEvent>(subjectId: string, recorded: RecordedEvent): Promise<E> {
    const data = await this.vault.unsealDeep(subjectId, recorded.data as never);
    return { type: recorded.type, data } as E;
  }
}
