import type { RecordedEvent } from '@kyc/event-store';
import type { SessionEvent } from '@kyc/session-domain';

/** `GET /kyc/sessions/{id}/events`: oldest first, personal data shown decrypted (or as erased). */
export function presentAuditTrail(events: { event: SessionEvent; recorded: RecordedEvent }[]) {
  return events.map(({ event, recorded }) => ({
    event_id: recorded.event_id,
    type: event.type,
    version: recorded.version,
    occurred_at: recorded.metadata.occurred_at,
    actor: recorded.metadata.actor,
    correlation_id: recorded.metadata.correlation_id,
    data: withoutSecrets(event),
  }));
}

/** Access tokens are credentials: the trail shows that a link was issued, never the token itself. */
function withoutSecrets(event: SessionEvent): unknown {
  if (event.type === 'SessionCreated' || event.type === 'AccessLinkRegenerated') {
    const { access_token: _token, ...rest } = event.data;
    return rest;
  }
  return event.data;
}
