import type { SessionApplication } from '@kyc/session-application';
import type { Session } from '@kyc/session-domain';
import { ApiError } from '../errors/api-error';

/** Another tenant's session, a deleted one and one that never existed all answer the same 404. */
export async function requireSession(app: SessionApplication, tenantId: string, sessionId: string): Promise<Session> {
  const session = await app.findSession(tenantId, sessionId);
  if (!session) throw ApiError.notFound('session');
  return session;
}
