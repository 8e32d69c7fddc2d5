import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@kyc/config';
import { ScreeningListLedger } from '@kyc/read-model';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { MessageBus, MessageSubscription } from '@kyc/messaging';
import {
  ApprovalRescreening,
  ListMonitoringJob,
  ScreeningCatalog,
  SessionValidator,
  type MonitoringRun,
} from '@kyc/screening-application';
import {
  HttpAdverseMediaProvider,
  loadArticleCorpus,
  loadSanctionsLists,
  OfflineCorpusAdverseMediaProvider,
} from '@kyc/screening-adapters';
import { compareNames, type AdverseMediaProvider } from '@kyc/screening-domain';
import type { SessionCommands } from '@kyc/session-application';
import type { ScreeningHit, Session } from '@kyc/session-domain';
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

/** The consumer group of the approval re-screening on the session events topic. */
export const VALIDATION_CONSUMER_GROUP = 'kyc-validation';

type Log = { warn(message: string): void; log(message: string): void };

/** How monitoring reads a session and records its hits, as the system actor `actorId`. */
function monitoredSessions(infra: Infrastructure, commands: SessionCommands, actorId: string) {
  return {
    loadSession: async (sessionId: string): Promise<Session | null> => {
      const { state } = await infra.application.sessions.load(sessionId);
      return state.exists && !state.deleted ? state : null;
    },
    recordHits: async (sessionId: string, version: { list: string; version: string }, matches: ScreeningHit[]) => {
      const { state } = await infra.application.sessions.load(sessionId);
      if (!state.exists) return;
      await commands.handleSession(
        sessionId,
        { type: 'RecordMonitoringHit', list: version.list, list_version: version.version, matches },
        { actor: { type: 'system', id: actorId }, tenant_id: state.tenant_id, correlation_id: randomUUID() },
      );
    },
  };
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
  log: Log,
): ListMonitoringJob {
  const job = new ListMonitoringJob({
    catalog: screening.catalog,
    ledger: new ScreeningListLedger(infra.readModel),
    intervalMs: config.screening.refreshSeconds * 1000,
    ...monitoredSessions(infra, commands, 'list-monitoring'),
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

/**
 * Re-screens a session when it is approved against the lists published since its last validation
 * (ApprovalRescreening), as a consumer of the session events (group kyc-validation). From the oldest retained
 * event, so that approvals made before the consumer first ran are covered; a redelivered approval records
 * nothing twice.
 */
export function startApprovalRescreening(
  bus: MessageBus,
  screening: Screening,
  infra: Infrastructure,
  commands: SessionCommands,
  log: Log,
): Promise<MessageSubscription> {
  const rescreening = new ApprovalRescreening({
    catalog: screening.catalog,
    ...monitoredSessions(infra, commands, 'approval-rescreening'),
  });
  return bus.subscribe({
    topic: SESSION_EVENTS_TOPIC,
    groupId: VALIDATION_CONSUMER_GROUP,
    fromBeginning: true,
    handler: async (message) => {
      const event = JSON.parse(message.value.toString('utf8')) as { type?: unknown; session_id?: unknown; data?: { to?: unknown } };
      if (event.type !== 'StatusChanged' || event.data?.to !== 'approved' || typeof event.session_id !== 'string') return;
      const { recorded } = await rescreening.rescreen(event.session_id);
      if (recorded) {
        log.log(
          `session ${event.session_id} approved after ${recorded.list} ${recorded.version} was published: ${recorded.hits} new hit(s) recorded`,
        );
      }
    },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
