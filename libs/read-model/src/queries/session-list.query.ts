import { COMPLIANCE_STATUSES, complianceStatusOf, SESSION_STATUSES, type SessionStatus } from '@kyc/session-domain';
import type { Prisma, SessionView } from '../generated/prisma/client';
import type { ReadModelClient } from '../prisma-client';

export interface SessionListFilter {
  tenantId: string;
  status?: SessionStatus;
  statusList?: SessionStatus[];
  complianceStatus?: string;
  workflowId?: string;
  customerId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  parentSessionId?: string;
  includeSubsessions?: boolean;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('next_key is not a cursor this API issued');
  }
}

interface Cursor {
  created_at: string;
  session_id: string;
}

/** Opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(row: Pick<SessionView, 'createdAt' | 'sessionId'>): string {
  return Buffer.from(JSON.stringify({ created_at: row.createdAt.toISOString(), session_id: row.sessionId })).toString('base64url');
}

export function decodeCursor(key: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof value.created_at === 'string' &&
      // Exactly what encodeCursor writes: other shapes Date accepts (years beyond 9999, BC) the database may not.
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value.created_at) &&
      !Number.isNaN(Date.parse(value.created_at)) &&
      typeof value.session_id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.session_id)
    ) {
      return { created_at: value.created_at, session_id: value.session_id };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

export function whereOf(filter: SessionListFilter): Prisma.SessionViewWhereInput {
  const where: Prisma.SessionViewWhereInput = { tenantId: filter.tenantId };
  const statuses = [filter.status, ...(filter.statusList ?? [])].filter((s): s is SessionStatus => s !== undefined);
  if (statuses.length > 0) where.status = { in: statuses };
  if (filter.complianceStatus) where.complianceStatus = filter.complianceStatus;
  if (filter.workflowId) where.workflowId = filter.workflowId;
  if (filter.customerId) where.customerId = filter.customerId;
  if (filter.createdFrom || filter.createdTo) where.createdAt = { gte: filter.createdFrom, lte: filter.createdTo };
  if (filter.parentSessionId) where.parentSessionId = filter.parentSessionId;
  else if (!filter.includeSubsessions) where.parentSessionId = null;
  return where;
}

/** Newest first, keyset-paginated on (created_at, session_id): stable under concurrent inserts. */
export async function listSessions(db: ReadModelClient, filter: SessionListFilter, limit: number, nextKey?: string) {
  const where = whereOf(filter);
  if (nextKey) {
    const cursor = decodeCursor(nextKey);
    const at = new Date(cursor.created_at);
    where.AND = [{ OR: [{ createdAt: { lt: at } }, { createdAt: at, sessionId: { lt: cursor.session_id } }] }];
  }
  const rows = await db.sessionView.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { sessionId: 'desc' }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { rows: page, nextKey: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

/** Aggregates over every session matching the filter (not only the page). */
export async function summarizeSessions(db: ReadModelClient, filter: SessionListFilter) {
  const where = whereOf(filter);
  const [byStatus, risk, lists, faceMatch, adverseMedia] = await Promise.all([
    db.sessionView.groupBy({ by: ['status'], where, _count: { _all: true } }),
    db.sessionView.aggregate({ where: { ...where, riskScore: { not: null } }, _avg: { riskScore: true }, _count: { _all: true } }),
    db.sessionView.count({ where: { ...where, validationsRun: { has: 'lists' } } }),
    db.sessionView.count({ where: { ...where, validationsRun: { has: 'face_match' } } }),
    db.sessionView.count({ where: { ...where, validationsRun: { has: 'adverse_media' } } }),
  ]);
  const statusCounts: Record<string, number> = {};
  const inbox: Record<string, number> = Object.fromEntries(COMPLIANCE_STATUSES.map((c) => [c, 0]));
  let total = 0;
  for (const group of byStatus) {
    const count = group._count._all;
    statusCounts[group.status] = count;
    total += count;
    if ((SESSION_STATUSES as readonly string[]).includes(group.status)) inbox[complianceStatusOf(group.status as SessionStatus)] += count;
  }
  const avg = risk._avg.riskScore;
  return {
    status_counts: statusCounts,
    inbox_counts: { all: total, ...inbox },
    total,
    avg_risk_score: avg === null ? null : Math.round(avg * 10) / 10,
    sessions_with_risk_score: risk._count._all,
    validation_counts: { lists, face_match: faceMatch, adverse_media: adverseMedia },
  };
}
