import type { ReadModelClient } from '../prisma-client';

/** How a list version differs from the one approved sessions were last screened against. */
export interface ListVersionComparison {
  /** This version was already screened against (nothing to do). */
  alreadyRecorded: boolean;
  /** No version of this list was ever recorded: the first load is the baseline, nobody is re-screened. */
  firstLoad: boolean;
  added: string[];
  changed: string[];
  removed: string[];
}

export interface MonitoringOutcome {
  sessionsScreened: number;
  sessionsHit: number;
}

/** Rows per statement when fingerprints are written (a first load writes every entity of the list). */
const CHUNK = 2_000;

/**
 * Which version of each sanctions list approved sessions were last screened against, with a fingerprint per
 * listed entity. Comparing a loaded version with it tells what is new or changed even across restarts, and
 * recording the version moves the baseline in one transaction, after the re-screening succeeded.
 */
export class ScreeningListLedger {
  constructor(private readonly db: ReadModelClient) {}

  async compare(list: string, version: string, fingerprints: ReadonlyMap<string, string>): Promise<ListVersionComparison> {
    const [recorded, anyVersion] = await Promise.all([
      this.db.screeningListVersion.findUnique({ where: { list_version: { list, version } } }),
      this.db.screeningListVersion.findFirst({ where: { list }, select: { version: true } }),
    ]);
    const empty = { added: [], changed: [], removed: [] };
    if (recorded) return { alreadyRecorded: true, firstLoad: false, ...empty };
    if (!anyVersion) return { alreadyRecorded: false, firstLoad: true, ...empty, added: [...fingerprints.keys()] };
    const rows = await this.db.screeningListEntity.findMany({ where: { list }, select: { entityId: true, fingerprint: true } });
    const before = new Map(rows.map((row) => [row.entityId, row.fingerprint]));
    const comparison: ListVersionComparison = { alreadyRecorded: false, firstLoad: false, added: [], changed: [], removed: [] };
    for (const [id, fingerprint] of fingerprints) {
      const previous = before.get(id);
      if (previous === undefined) comparison.added.push(id);
      else if (previous !== fingerprint) comparison.changed.push(id);
    }
    for (const id of before.keys()) if (!fingerprints.has(id)) comparison.removed.push(id);
    return comparison;
  }

  /** Makes `version` the baseline: its fingerprints replace the previous ones, with the run's figures. */
  async record(
    list: string,
    version: string,
    fingerprints: ReadonlyMap<string, string>,
    comparison: ListVersionComparison,
    outcome: MonitoringOutcome,
  ): Promise<void> {
    const written = [...comparison.added, ...comparison.changed].map((id) => ({ entity_id: id, fingerprint: fingerprints.get(id) }));
    await this.db.$transaction(async (tx) => {
      for (let start = 0; start < written.length; start += CHUNK) {
        const rows = JSON.stringify(written.slice(start, start + CHUNK));
        await tx.$executeRaw`
          INSERT INTO screening_list_entities (list, entity_id, fingerprint)
          SELECT ${list}, entity_id, fingerprint FROM jsonb_to_recordset(${rows}::jsonb) AS r(entity_id text, fingerprint text)
          ON CONFLICT (list, entity_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`;
      }
      if (comparison.removed.length > 0) {
        await tx.screeningListEntity.deleteMany({ where: { list, entityId: { in: comparison.removed } } });
      }
      await tx.$executeRaw`
        INSERT INTO screening_list_versions
          (list, version, entity_count, added, changed, removed, sessions_screened, sessions_hit)
        VALUES (${list}, ${version}, ${fingerprints.size}, ${comparison.added.length}, ${comparison.changed.length},
                ${comparison.removed.length}, ${outcome.sessionsScreened}, ${outcome.sessionsHit})
        ON CONFLICT (list, version) DO NOTHING`;
    });
  }

  /** Ids of the approved sessions of every tenant, in pages (the sessions under ongoing monitoring). */
  async *approvedSessionIds(pageSize = 500): AsyncIterable<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.sessionView.findMany({
        where: { status: 'approved', sessionId: { gt: after } },
        select: { sessionId: true },
        orderBy: { sessionId: 'asc' },
        take: pageSize,
      });
      if (rows.length > 0) yield rows.map((row) => row.sessionId);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].sessionId;
    }
  }
}
