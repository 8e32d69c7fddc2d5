import type { SessionEvent } from '@kyc/session-domain';
import type { Prisma } from '../generated/prisma/client';

/** Every access token a session ever had: the public API's paths carry them instead of the session id. */
export function accessTokensOf(events: readonly { event: SessionEvent }[]): string[] {
  const tokens = new Set<string>();
  for (const { event } of events) {
    if (event.type === 'SessionCreated' || event.type === 'AccessLinkRegenerated')
      tokens.add(event.data.access_token);
  }
  return [...tokens];
}

/**
 * A deleted session leaves nothing readable behind: its list row goes, and so do the responses the gateway
 * kept for Idempotency-Key replays, which hold its metadata, form values and file names in clear. They are
 * found by the session id in the stored answer or the route, or by an access token in a public route.
 */
export async function eraseSessionRows(
  tx: Prisma.TransactionClient,
  sessionId: string,
  accessTokens: string[],
): Promise<void> {
  await tx.sessionView.deleteMany({ where: { sessionId } });
  await tx.$executeRaw`
    DELETE FROM idempotency_records
    WHERE response_body->>'session_id' = ${sessionId}
       OR response_body->>'subsession_id' = ${sessionId}
       OR strpos(path, ${sessionId}) > 0
       OR EXISTS (SELECT 1 FROM unnest(${accessTokens}::text[]) AS token WHERE strpos(lower(path), token) > 0)`;
}
