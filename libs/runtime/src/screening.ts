import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@kyc/config';
import { ScreeningListLedger } from '@kyc/read-model';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { MessageBus, MessageSubscription } from '@kyc/messaging';
import {
  AutoValidation,
  ListMonitoringJob,
  ScreeningCatalog,
  SessionValidator,
  type MonitoringRun,
  type SessionEventHeader,
} from '@kyc/screening-application';
import {
  HttpAdverseMediaProvider,
  loadArticleCorpus,
  loadSanctionsLists,
  OfflineCorpusAdverseMediaProvider,
} from '@kyc/screening-adapters';
import { compareNames, type AdverseMediaProvider } from '@kyc/screening-domain';
import type { SessionCommands } from '@kyc/session-application';
import { SessionDomainError } from '@kyc/session-domain';
import { workflowVersion } from '@kyc/workflow-domain';
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

/** The consumer group of automatic validation on the session events topic. */
export const VALIDATION_CONSUMER_GROUP = 'kyc-validation';

/**
 * Automatic validation: consumes the session events (group kyc-validation) and screens each session its
 * customer completes when the workflow processes automatically. A session deleted meanwhile is passed over.
 */
export function startAutoValidation(
  bus: MessageBus,
  screening: Screening,
  infra: Infrastructure,
  commands: SessionCommands,
): Promise<MessageSubscription> {
  const auto = new AutoValidation({
    validator: screening.validator,
    clock: infra.clock,
    loadSession: async (sessionId) => {
      const { state } = await infra.application.sessions.load(sessionId);
      return state.exists && !state.deleted ? state : null;
    },
    validationsOf: async (session) => {
      const workflow = await infra.application.findWorkflow(session.tenant_id, session.workflow_id);
      return (workflow && workflowVersion(workflow, session.workflow_version)?.validations) ?? null;
    },
    record: async (session, command) => {
      try {
        await commands.handleSession(session.session_id, command, {
          actor: { type: 'system', id: 'auto-validation' },
          tenant_id: session.tenant_id,
          correlation_id: randomUUID(),
        });
      } catch (error) {
        if (!(error instanceof SessionDomainError)) throw error;
      }
    },
  });
  return bus.subscribe({
    topic: SESSION_EVENTS_TOPIC,
    groupId: VALIDATION_CONSUMER_GROUP,
    fromBeginning: true,
    handler: (message) => auto.handle(JSON.parse(message.value.toString('utf8')) as SessionEventHeader),
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
