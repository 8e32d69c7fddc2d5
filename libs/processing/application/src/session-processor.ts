import { performance } from 'node:perf_hooks';
import type { DocumentAnalysis, DocumentAnalysisRequest } from '@kyc/processing-adapters';
import {
  crossValidate,
  decideProcessingOutcome,
  processingInputsOf,
  type ProcessingInputs,
  type UrlFieldInput,
} from '@kyc/processing-domain';
import type { SessionValidator } from '@kyc/screening-application';
import type { ProcessingResults, Session, SessionCommand, WebValidationResult } from '@kyc/session-domain';
import { decisionRulesOf, type WorkflowDefinition } from '@kyc/workflow-domain';
import { ProcessingError, processingErrorOf } from './processing-error';
import { withDeadline } from './with-deadline';

export interface DocumentAnalyser {
  analyse(request: DocumentAnalysisRequest): Promise<DocumentAnalysis>;
}

export interface WebChecker {
  check(target: UrlFieldInput, now: Date): Promise<WebValidationResult>;
}

export type ProcessingCommand = Extract<SessionCommand, { type: 'RecordProcessingResult' | 'RecordProcessingFailure' }>;

export interface SessionProcessorOptions {
  /** The session with its personal data readable; null when it is gone. */
  loadSession(sessionId: string): Promise<Session | null>;
  /** The session's pinned workflow version. */
  workflowOf(session: Session): Promise<WorkflowDefinition | null>;
  readDocument(storageKey: string): Promise<Uint8Array | null>;
  analyser: DocumentAnalyser;
  validator: SessionValidator;
  /** Null when web checks cannot run in this process; a workflow that enables them then records none. */
  web: WebChecker | null;
  record(session: Session, command: ProcessingCommand): Promise<void>;
  clock(): Date;
  /** The most one run may take, everything included; past it the run fails with `processing_timeout`. */
  timeoutMs: number;
}

export type RunOutcome = 'completed' | 'failed' | 'skipped';

/**
 * Processes a session's run: reads its identity documents and selfie (extraction and face match, isolated in
 * the analyser), cross-validates them with the form, screens the customer, checks the websites given, and
 * decides. Whatever goes wrong with the documents or the engines is recorded as a failed run, which sends the
 * session to a reviewer; what goes wrong with the platform itself (store, read model) is thrown, so the
 * trigger is delivered again.
 */
export class SessionProcessor {
  constructor(private readonly options: SessionProcessorOptions) {}

  async run(sessionId: string, run: number): Promise<RunOutcome> {
    const session = await this.options.loadSession(sessionId);
    // A run already finished, superseded, or a session deleted meanwhile: a redelivered trigger does nothing.
    if (!session || session.status !== 'processing' || session.processing.in_flight !== run) return 'skipped';
    const workflow = await this.options.workflowOf(session);
    if (!workflow) throw new Error(`workflow ${session.workflow_id} v${session.workflow_version} of session ${sessionId} is missing`);
    const started = performance.now();
    const now = this.options.clock();
    let results: ProcessingResults;
    try {
      results = await withDeadline(this.options.timeoutMs, () => this.process(session, workflow, now), () =>
        new ProcessingError('processing_timeout', `processing took longer than ${Math.round(this.options.timeoutMs / 1000)} s`),
      );
    } catch (error) {
      const { code, message } = processingErrorOf(error);
      await this.options.record(session, { type: 'RecordProcessingFailure', run, code, message });
      return 'failed';
    }
    results.processing_time_ms = Math.round(performance.now() - started);
    await this.options.record(session, { type: 'RecordProcessingResult', run, results, auto_decision: workflow.auto_decision });
    return 'completed';
  }

  private async process(session: Session, workflow: WorkflowDefinition, now: Date): Promise<ProcessingResults> {
    const inputs = processingInputsOf(session);
    const rules = decisionRulesOf(workflow);
    const [analysis, screening, web] = await Promise.all([
      this.analyse(inputs, workflow, rules.face_match, now),
      this.options.validator.validate(session, workflow.validations, now),
      workflow.validations.web ? this.checkWebsites(inputs.urlFields, now) : Promise.resolve([]),
    ]);
    const { validated_at: _validatedAt, ...external } = screening.results;
    const cross_validation = crossValidate({
      forms: inputs.forms,
      documents: inputs.identityDocuments.map((doc) => ({
        doc_id: doc.doc_id,
        declared_type: doc.document_type,
        extraction: analysis.extractions[doc.doc_id],
      })),
      now: now.toISOString(),
    });
    const decision = decideProcessingOutcome({
      extractions: analysis.extractions,
      cross_validation,
      face_match: analysis.face_match,
      external,
      web,
      rules,
    });
    return {
      extraction_results: analysis.extractions,
      cross_validation,
      face_match_result: analysis.face_match,
      external_validations: external,
      web_validation_results: web,
      ...decision,
      processed_at: now.toISOString(),
      processing_time_ms: 0,
    };
  }

  private async analyse(
    inputs: ProcessingInputs,
    workflow: WorkflowDefinition,
    faceMatch: { threshold: number; reject_below: number },
    now: Date,
  ): Promise<DocumentAnalysis> {
    const read = async (doc: { doc_id: string; storage_key: string; mime_type: string }) => {
      const bytes = await this.options.readDocument(doc.storage_key);
      if (!bytes) throw new ProcessingError('document_missing', `document ${doc.doc_id} is no longer in the document storage`);
      return { doc_id: doc.doc_id, mime_type: doc.mime_type, bytes };
    };
    const documents = await Promise.all(
      inputs.identityDocuments.map(async (doc) => ({ ...(await read(doc)), declared_type: doc.document_type })),
    );
    const selfie = workflow.validations.face_match && inputs.selfie ? await read(inputs.selfie) : null;
    return this.options.analyser.analyse({
      now: now.toISOString(),
      documents,
      selfie,
      face_match: workflow.validations.face_match ? faceMatch : null,
    });
  }

  private async checkWebsites(fields: UrlFieldInput[], now: Date): Promise<WebValidationResult[]> {
    const web = this.options.web;
    if (!web) return [];
    return Promise.all(fields.map((field) => web.check(field, now)));
  }
}
