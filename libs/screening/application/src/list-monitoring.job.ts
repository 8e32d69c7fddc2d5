import { createHash } from 'node:crypto';
import { screeningFingerprint, type ListSnapshot } from '@kyc/screening-domain';
import { ListMonitor, type ListMonitorOptions, type MonitoringRun } from './list-monitor';
import type { ScreeningCatalog } from './screening-catalog';

/** Where the versions screened against are kept (ScreeningListLedger of @kyc/read-model). */
export interface ListVersionLedger {
  compare(list: string, version: string, fingerprints: ReadonlyMap<string, string>): Promise<{
    alreadyRecorded: boolean;
    firstLoad: boolean;
    added: string[];
    changed: string[];
    removed: string[];
  }>;
  record(
    list: string,
    version: string,
    fingerprints: ReadonlyMap<string, string>,
    comparison: { added: string[]; changed: string[]; removed: string[] },
    outcome: { sessionsScreened: number; sessionsHit: number },
  ): Promise<void>;
  approvedSessionIds(): AsyncIterable<string[]>;
}

export interface ListMonitoringJobOptions extends Omit<ListMonitorOptions, 'approvedSessionIds'> {
  catalog: ScreeningCatalog;
  ledger: ListVersionLedger;
  /** Between re-reads of the list files; 0: only the run at start. */
  intervalMs: number;
  /** A run that failed as a whole (a list file that does not parse, the database down); the next run retries. */
  onRunError?: (error: unknown) => void;
  onRun?: (run: MonitoringRun) => void;
}

/**
 * Reads the list files on a schedule and, for each list version not yet screened against, re-screens the
 * approved sessions against its new and changed entities, then records the version. Restart-safe (the
 * baseline is in the database, so a version that arrived while the platform was down is caught up) and safe
 * to run in several processes (a session never records the same hit twice).
 */
export class ListMonitoringJob {
  private readonly monitor: ListMonitor;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<MonitoringRun[]> | null = null;

  constructor(private readonly options: ListMonitoringJobOptions) {
    this.monitor = new ListMonitor({ ...options, approvedSessionIds: () => options.ledger.approvedSessionIds() });
  }

  start(): void {
    const tick = (reload: boolean) => void this.runOnce(reload).catch((error: unknown) => this.options.onRunError?.(error));
    // The first pass loads the lists (nothing to reload yet) and catches up with versions that arrived while down.
    setImmediate(() => tick(false));
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => tick(true), this.options.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every list; `reload` reads the files again first. Concurrent calls share one pass. */
  runOnce(reload = false): Promise<MonitoringRun[]> {
    this.running ??= this.pass(reload).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(reload: boolean): Promise<MonitoringRun[]> {
    if (reload) await this.options.catalog.reload();
    const lists = await this.options.catalog.lists();
    const runs: MonitoringRun[] = [];
    for (const snapshot of lists.snapshots.values()) {
      const run = await this.screenAgainst(snapshot);
      if (run) {
        runs.push(run);
        this.options.onRun?.(run);
      }
    }
    return runs;
  }

  private async screenAgainst(snapshot: ListSnapshot): Promise<MonitoringRun | null> {
    const { ledger } = this.options;
    const fingerprints = new Map(snapshot.entities.map((entity) => [entity.id, hash(screeningFingerprint(entity))]));
    const comparison = await ledger.compare(snapshot.list, snapshot.publishedAt, fingerprints);
    if (comparison.alreadyRecorded) return null;
    const fresh = new Set([...comparison.added, ...comparison.changed]);
    const run = comparison.firstLoad
      ? { list: snapshot.list, version: snapshot.publishedAt, entities: 0, sessionsScreened: 0, sessionsHit: 0, failures: 0, baseline: true as const }
      : await this.monitor.rescreen({
          list: snapshot.list,
          version: snapshot.publishedAt,
          entities: snapshot.entities.filter((entity) => fresh.has(entity.id)),
        });
    // A run with failures is not recorded: the next pass screens this version again (hits are not repeated).
    if (run.failures === 0) await ledger.record(snapshot.list, snapshot.publishedAt, fingerprints, comparison, run);
    return run;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
