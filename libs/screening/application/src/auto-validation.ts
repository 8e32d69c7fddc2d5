import { createHash } from 'node:crypto';
import type { Session, SessionCommand } from '@kyc/session-domain';
import type { ValidationsConfig } from '@kyc/workflow-domain';
import type { SessionValidator } from './session-validator';

/** The fields of a public session event (kyc.session.events.v1) this consumer reads. */
export interface SessionEventHeader {
  event_id: string;
  type: string;
  session_id: string;
}

export interface AutoValidationOptions {
  validator: SessionValidator;
  /** The session with its personal data readable; null when it is gone. */
  loadSession(sessionId: string): Promise<Session | null>;
  /** The validations the session's pinned workflow version enables. */
  validationsOf(session: Session): Promise<ValidationsConfig | null>;
  record(session: Session, command: Extract<SessionCommand, { type: 'RecordValidation' }>): Promise<void>;
  clock(): Date;
}

/**
 * Screens a session as soon as its customer completes it, when its workflow processes automatically
 * (`auto_process`) and enables a screening check. The validation id derives from the triggering event, so a
 * redelivered event records nothing twice.
 */
export class AutoValidation {
  constructor(private readonly options: AutoValidationOptions) {}

  async handle(event: SessionEventHeader): Promise<void> {
    if (event.type !== 'SessionCompleted') return;
    const session = await this.options.loadSession(event.session_id);
    if (!session || !session.auto_process) return;
    const validations = await this.options.validationsOf(session);
    if (!validations || !(validations.lists || validations.crypto || validations.adverse_media)) return;
    const { results, list_versions } = await this.options.validator.validate(session, validations, this.options.clock());
    await this.options.record(session, {
      type: 'RecordValidation',
      validation_id: validationIdFor(event.event_id),
      results,
      list_versions,
    });
  }
}

/** A UUID-shaped id derived from the triggering event id. */
function validationIdFor(eventId: string): string {
  const hex = createHash('sha256').update(`auto-validation|${eventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
