import type { ScreeningHit, Session } from '@kyc/session-domain';
import { freshMonitoringHits } from './monitoring-hits';
import type { ScreeningCatalog } from './screening-catalog';

export interface ApprovalRescreeningOptions {
  catalog: ScreeningCatalog;
  /** The session with its personal data readable; null when it is gone. */
  loadSession(sessionId: string): Promise<Session | null>;
  /** Records the hits of one list on the session (RecordMonitoringHit through the session's command side). */
  recordHits(sessionId: string, list: { list: string; version: string }, matches: ScreeningHit[]): Promise<void>;
  maxHitsPerName?: number;
}

/** What re-screening an approved session did. */
export interface ApprovalRescreen {
  /** Lists in force that are newer than those the session's last validation used (screened again). */
  lists: string[];
  /** The hits recorded, of one list (null when none was new). */
  recorded: { list: string; version: string; hits: number } | null;
}

/**
 * Ongoing monitoring re-screens the sessions approved when a list version arrives. A session still awaiting
 * review then is not among them, so a version published between its validation and its approval would never
 * be screened against. On approval, each list the session's last validation used is checked: if a newer
 * version is in force, the session is screened against that list and whatever its screening did not already
 * show is recorded as a monitoring hit (which sends it to manual review). Hits are recorded for one list: the
 * session is then no longer approved, and the next approval raises what another list holds. Doing it twice
 * records nothing new.
 */
export class ApprovalRescreening {
  constructor(private readonly options: ApprovalRescreeningOptions) {}

  async rescreen(sessionId: string): Promise<ApprovalRescreen> {
    const done: ApprovalRescreen = { lists: [], recorded: null };
    const session = await this.options.loadSession(sessionId);
    if (!session || session.status !== 'approved') return done;
    const screened = session.screening.list_versions;
    if (Object.keys(screened).length === 0) return done;
    const lists = await this.options.catalog.lists();
    // Versions are publication dates (ISO 8601): a later date is a newer version.
    done.lists = Object.keys(screened).filter((list) => lists.versions[list] !== undefined && lists.versions[list] > screened[list]);
    if (done.lists.length === 0) return done;
    const index = { names: lists.names, crypto: lists.crypto, entityOf: (id: string) => lists.entities.get(id) };
    const fresh = freshMonitoringHits(session, index, this.options.maxHitsPerName ?? 10);
    const list = done.lists.find((candidate) => fresh.some((hit) => hit.list === candidate));
    if (list === undefined) return done;
    const matches = fresh.filter((hit) => hit.list === list);
    const version = lists.versions[list];
    await this.options.recordHits(sessionId, { list, version }, matches);
    done.recorded = { list, version, hits: matches.length };
    return done;
  }
}
