/** Every session event, mapped to its integration form, keyed by session_id (one session's events stay in order). */
export const SESSION_EVENTS_TOPIC = 'kyc.session.events.v1';
