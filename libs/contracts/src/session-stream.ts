/** Event-store streams of the session aggregate are named `session-<session_id>`. */
export const SESSION_STREAM_PREFIX = 'session-';

/** The session id of a session stream, or null for any other stream. */
export function sessionIdFromStreamId(streamId: string): string | null {
  if (!streamId.startsWith(SESSION_STREAM_PREFIX)) return null;
  const sessionId = streamId.slice(SESSION_STREAM_PREFIX.length);
  return sessionId.length > 0 ? sessionId : null;
}
