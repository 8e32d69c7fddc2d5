import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@kyc/config';
import { ScreeningListLedger } from '@kyc/read-model';
import { ListMonitoringJob, ScreeningCatalog, SessionValidator, type MonitoringRun } from '@kyc/screening-application';
import {
  HttpAdverseMediaProvider,
  loadArticleCorpus,
  loadSanctionsLists,
  OfflineCorpusAdverseMediaProvider,
} from '@kyc/screening-adapters';
import { compareNames, type AdverseMediaProvider } from '@kyc/screening-domain';
import type { SessionCommands } from '@kyc/session-application';
import type { Infrastructure } from './infrastructure';

export interface Screening {
  catalog: ScreeningCatalog;
  validator: SessionValidator;
}

/** The sanctions lists (loaded on first use) and the configured adverse-media provider. */
export function openScreening(config: AppConfig): Screening {
  const catalog = new ScreeningCatalog(() => loadSanctionsLists(config.screening.lists));
  return { catalog, validator: new SessionValidator({ catalog, adverseMedia: adverseMediaProvider(config) }) };
}

function adverseMediaProvider(config: AppConfig): AdverseMediaProvider | null {
  const settings = config.screening.adverseMedia;
  switch (settings.kind) {
    case 'none':
      return null;
    case 'http':
      return new HttpAdverseMediaProvider({ baseUrl: settings.url, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
    case 'corpus': {
      // The corpus is read on first use, like the lists: processes that never screen never pay for it.
      let provider: Promise<AdverseMediaProvider> | null = null;
      const load = () =>
        loadArticleCorpus(settings.path).then((articles) => new OfflineCorpusAdverseMediaProvider(articles, compareNames));
      return {
        screen(subject, signal) {
          provider ??= load().catch((error: unknown) => {
            provider = null;
            throw error;
          });
          return provider.then((ready) => ready.screen(subject, signal));
        },
      };
    }
  }
}

/**
 * Ongoing monitoring on a schedule: new list versions re-screen the approved sessions; hits go through the
 * session commands (in process, or to the session service) as RecordMonitoringHit.
 */
export function startListMonitoring(
  screening: Screening,
  infra: Infrastructure,
  commands: SessionCommands,
  config: AppConfig,
  log: { warn(message: string): void; log(message: string): void },
): ListMonitoringJob {
  const job = new ListMonitoringJob({
    catalog: screening.catalog,
    ledger: new ScreeningListLedger(infra.readModel),
    intervalMs: config.screening.refreshSeconds * 1000,
    loadSession: async (sessionId) => {
      const { state } = await infra.application.sessions.load(sessionId);
      return state.exists && !state.deleted ? state : null;
    },
    recordHits: async (sessionId, update, matches) => {
      const { state } = await infra.application.sessions.load(sessionId);
      if (!state.exists) return;
      await commands.handleSession(
        sessionId,
        { type: 'RecordMonitoringHit', list: update.list, list_version: update.version, matches },
        { actor: { type: 'system', id: 'list-monitoring' }, tenant_id: state.tenant_id, correlation_id: randomUUID() },
      );
    },
    onError: (sessionId, error) => log.warn(`monitoring of session ${sessionId} failed: ${messageOf(error)}`),
    onRunError: (error) => log.warn(`list monitoring run failed: ${messageOf(error)}`),
    onRun: (run: MonitoringRun) =>
      log.log(
        run.baseline
          ? `list ${run.list} ${run.version}: first version seen, recorded as the monitoring baseline`
          : `list ${run.list} ${run.version}: ${run.entities} new or changed entities, ${run.sessionsScreened} approved sessions screened, ${run.sessionsHit} hit`,
      ),
  });
  job.start();
  return job;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
