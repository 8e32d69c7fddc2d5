import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL, type ReadModelClient } from '@kyc/read-model';
import { CLOCK, SessionApplication, type Clock } from '@kyc/session-application';
import { isPastExpiry, type Session } from '@kyc/session-domain';
import { ApiError } from '../errors/api-error';

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The end user's credential is the access token. The read model finds the session; the aggregate then
 * confirms the token is still the current one, so a replaced token is dead at once.
 */
@Injectable()
export class PublicSessionLookup {
  constructor(
    private readonly app: SessionApplication,
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 404 for an unknown, replaced or not yet issued token; 410 once the link has expired. */
  async byToken(token: string): Promise<Session> {
    if (!TOKEN.test(token)) throw ApiError.notFound('session');
    const row = await this.db.sessionView.findUnique({ where: { accessToken: token.toLowerCase() }, select: { sessionId: true } });
    if (!row) throw ApiError.notFound('session');
    const { state } = await this.app.sessions.load(row.sessionId);
    if (!state.exists || state.deleted || state.access_token !== token.toLowerCase() || state.status === 'draft') {
      throw ApiError.notFound('session');
    }
    const timeLimited = state.status === 'active' || state.status === 'awaiting_client_correction';
    if (state.status === 'expired' || (timeLimited && isPastExpiry(state.expires_at, this.clock().toISOString()))) {
      throw new ApiError(410, 'link_expired', 'this link has expired: ask the company that sent it for a new one');
    }
    return state;
  }
}
