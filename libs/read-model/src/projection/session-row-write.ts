import type { SessionApplication } from '@kyc/session-application';
import type { Prisma } from '../generated/prisma/client';
import { accessTokensOf, eraseSessionRows } from './erased-session.writes';
import { toSessionViewRow, upsertSessionViews } from './session-view.mapper';

/** A session's row (written together with a batch's other rows in one statement), or any other write. */
export type ReadModelWrite = Prisma.SessionViewCreateInput | ((tx: Prisma.TransactionClient) => Promise<unknown>);

/**
 * What the read model must hold for a session, folded from its whole stream: its row, or, once deleted,
 * the erasure of everything it left behind.
 */
export async function sessionWrite(app: SessionApplication, sessionId: string): Promise<ReadModelWrite> {
  const [write] = await sessionWrites(app, [sessionId]);
  return write;
}

/** sessionWrite for many sessions, their streams and data keys read together; in the order given. */
export async function sessionWrites(app: SessionApplication, sessionIds: readonly string[]): Promise<ReadModelWrite[]> {
  const loaded = await app.sessions.loadMany(sessionIds);
  return sessionIds.map((sessionId) => {
    const { state, events } = loaded.get(sessionId)!;
    if (!state.exists || state.deleted) {
      const tokens = accessTokensOf(events);
      return (tx: Prisma.TransactionClient) => eraseSessionRows(tx, sessionId, tokens);
    }
    return toSessionViewRow(state);
  });
}

export async function applyWrites(tx: Prisma.TransactionClient, writes: ReadModelWrite[]): Promise<void> {
  const rows = writes.filter((write) => typeof write !== 'function');
  if (rows.length > 0) await upsertSessionViews(tx, rows);
  for (const write of writes) if (typeof write === 'function') await write(tx);
}
