import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { AppConfig } from '@kyc/config';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { MessageBus, MessageSubscription } from '@kyc/messaging';
import { SessionProcessor } from '@kyc/processing-application';
import { DocumentAnalysisWorker, WebsiteChecker } from '@kyc/processing-adapters';
import type { SessionCommands } from '@kyc/session-application';
import { workflowVersion } from '@kyc/workflow-domain';
import type { Infrastructure } from './infrastructure';
import type { Screening } from './screening';

/** The consumer group of processing on the session events topic. */
export const PROCESSING_CONSUMER_GROUP = 'kyc-processing';

export interface Processing {
  processor: SessionProcessor;
  /** The document engines' own process; started on first use, or ahead with `start()`. */
  analyser: DocumentAnalysisWorker;
  close(): Promise<void>;
}

/** Processing over this infrastructure: outcomes go through the session commands (in process, or remote). */
export function openProcessing(config: AppConfig, infra: Infrastructure, screening: Screening, commands: SessionCommands): Processing {
  const analyser = new DocumentAnalysisWorker({ timeoutMs: config.processing.analysisTimeoutMs });
  const processor = new SessionProcessor({
    loadSession: async (sessionId) => {
      const { state } = await infra.application.sessions.load(sessionId);
      return state.exists && !state.deleted ? state : null;
    },
    workflowOf: async (session) => {
      const workflow = await infra.application.findWorkflow(session.tenant_id, session.workflow_id);
      return (workflow && workflowVersion(workflow, session.workflow_version)) ?? null;
    },
    readDocument: async (key) => {
      const stored = await infra.documents.get(key);
      return stored ? buffer(stored.stream) : null;
    },
    analyser,
    validator: screening.validator,
    web: new WebsiteChecker({ allowPrivateTargets: config.processing.webAllowPrivateTargets }),
    record: async (session, command) => {
      await commands.handleSession(session.session_id, command, {
        actor: { type: 'system', id: 'processing' },
        tenant_id: session.tenant_id,
        correlation_id: randomUUID(),
      });
    },
    clock: infra.clock,
    timeoutMs: config.processing.timeoutMs,
  });
  return { processor, analyser, close: () => analyser.close() };
}

/** The part of a public session event the processing consumer reads. */
interface ProcessingTrigger {
  type: string;
  session_id: string;
  data?: { run?: unknown };
}

/**
 * Processes every run requested (`ProcessingRequested`, by `POST /process` or on completion under
 * auto_process) as a consumer of the session events (group kyc-processing). A redelivered trigger, or one for
 * a run already finished, does nothing.
 */
export function startProcessingConsumer(bus: MessageBus, processing: Processing): Promise<MessageSubscription> {
  return bus.subscribe({
    topic: SESSION_EVENTS_TOPIC,
    groupId: PROCESSING_CONSUMER_GROUP,
    fromBeginning: true,
    handler: async (message) => {
      const event = JSON.parse(message.value.toString('utf8')) as ProcessingTrigger;
      const run = event.data?.run;
      if (event.type !== 'ProcessingRequested' || typeof run !== 'number') return;
      await processing.processor.run(event.session_id, run);
    },
  });
}
