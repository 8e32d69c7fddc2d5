import { CryptoAddressIndex, NameScreeningIndex, type SanctionedEntity } from '@kyc/screening-domain';
import type { ScreeningHit, Session } from '@kyc/session-domain';
import { freshMonitoringHits, type MonitoringIndex } from './monitoring-hits';

/** A list version's entities that are new or changed since the version last screened against. */
export interface ListUpdate {
  list: string;
  version: string;
  entities: SanctionedEntity[];
}

export interface ListMonitorOptions {
  /** Ids of the sessions under ongoing monitoring (approved), in pages. */
  approvedSessionIds(): AsyncIterable<string[]>;
  /** The session with its personal data readable; null when it is gone. */
  loadSession(sessionId: string): Promise<Session | null>;
  /** Records the hits on the session (RecordMonitoringHit through the session's command side). */
  recordHits(sessionId: string, update: ListUpdate, matches: ScreeningHit[]): Promise<void>;
  /** A session that could not be re-screened or recorded; the run goes on with the next one. */
  onError?: (sessionId: string, error: unknown) => void;
  maxHitsPerName?: number;
}

export interface MonitoringRun {
  list: string;
  version: string;
  /** Entities re-screened against. */
  entities: number;
  sessionsScreened: number;
  sessionsHit: number;
  /** Sessions that could not be screened or recorded (reported through onError). */
  failures: number;
  /** The first version ever loaded of this list: recorded as the baseline, nobody re-screened. */
  baseline?: true;
}

/**
 * Ongoing monitoring: approved sessions are screened again, but only against what is new or changed in a list
 * version (a small index built for the run), so a daily update costs a fraction of a full re-screen. A hit
 * already standing or dismissed on the session is not raised again.
 */
export class ListMonitor {
  constructor(private readonly options: ListMonitorOptions) {}

  async rescreen(update: ListUpdate): Promise<MonitoringRun> {
    const run: MonitoringRun = {
      list: update.list,
      version: update.version,
      entities: update.entities.length,
      sessionsScreened: 0,
      sessionsHit: 0,
      failures: 0,
    };
    if (update.entities.length === 0) return run;
    const byId = new Map(update.entities.map((entity) => [entity.id, entity]));
    const index: MonitoringIndex = {
      names: NameScreeningIndex.build(update.entities),
      crypto: CryptoAddressIndex.build(update.entities),
      entityOf: (id) => byId.get(id),
    };
    for await (const page of this.options.approvedSessionIds()) {
      for (const sessionId of page) {
        try {
          const session = await this.options.loadSession(sessionId);
          if (!session || session.status !== 'approved') continue;
          run.sessionsScreened += 1;
          const hits = freshMonitoringHits(session, index, this.options.maxHitsPerName ?? 10);
          if (hits.length === 0) continue;
          await this.options.recordHits(sessionId, update, hits);
          run.sessionsHit += 1;
        } catch (error) {
          run.failures += 1;
          this.options.onError?.(sessionId, error);
        }
      }
    }
    return run;
  }
}
