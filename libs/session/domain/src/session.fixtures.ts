import type { DocumentType, WorkflowDefinition } from '@kyc/workflow-domain';
import type { CommandContext, SessionCommand, SessionCommandType } from './session-commands';
import type { CorrectionItem, SessionCreated, SessionEvent } from './session-events';
import type { ProcessingResults } from './session-processing';
import type { ScreeningHit } from './session-screening';
import type { Actor, SessionStatus } from './session-values';

/** Test data for the session decider's specs. Times are fixed so that every expectation is exact. */

export const DAY = 86_400;
export const T0 = '2024-11-22T10:30:00.000Z';
export const T0_SECONDS = Date.parse(T0) / 1000;
export const TTL_DAYS = 7;
export const EXPIRES_AT = T0_SECONDS + TTL_DAYS * DAY;
export const isoAt = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
/** The exact second the link stops working. */
export const AT_EXPIRY = isoAt(EXPIRES_AT);
export const JUST_BEFORE_EXPIRY = isoAt(EXPIRES_AT - 1);
export const AFTER_EXPIRY = isoAt(EXPIRES_AT + 3 * DAY);

export const END_USER: Actor = { type: 'end_user', id: 'token-1' };
export const API_KEY: Actor = { type: 'api_key', id: 'key-1' };

export const WORKFLOW: WorkflowDefinition = {
  workflow_id: 'wf-basic',
  tenant_id: 'tenant-1',
  version: 3,
  name: 'Basic KYC',
  steps: [
    {
      step_id: 'id_document',
      type: 'document',
      name: 'Identity document',
      optional: false,
      document_types: ['id', 'passport'],
    },
    { step_id: 'selfie', type: 'selfie', optional: false },
    {
      step_id: 'personal_info',
      type: 'form',
      optional: false,
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'email', name: 'Email', type: 'email', required: false },
      ],
    },
    { step_id: 'step_ubos', type: 'subsessions', optional: false, workflow_id: 'wf-ubo', min: 1, max: 2 },
    {
      step_id: 'extra',
      type: 'form',
      optional: true,
      fields: [{ field_id: 'website', name: 'Website', type: 'url', required: true }],
    },
  ],
  validations: { lists: true, face_match: true, adverse_media: false, crypto: false, web: false },
  auto_process: false,
  auto_decision: false,
  custom_tags: { department: 'onboarding', region: 'latam' },
  default_ttl_days: TTL_DAYS,
};

export const VALID_PERSONAL_INFO = { full_name: 'John Doe', date_of_birth: '1990-01-15' };

export const correction = (
  id: string,
  step_id: string,
  parts: { field_ids?: string[]; document_types?: DocumentType[]; message?: string } = {},
): CorrectionItem => ({
  id,
  step_id,
  field_ids: parts.field_ids ?? [],
  document_types: parts.document_types ?? [],
  message: parts.message ?? `Please fix ${step_id}.`,
});

export const NAME_CORRECTION = correction('corr-name', 'personal_info', {
  field_ids: ['full_name'],
  message: 'Please correct your legal name so it matches your ID.',
});
export const ID_CORRECTION = correction('corr-id', 'id_document', {
  document_types: ['id'],
  message: 'Please upload a clearer photo of your ID.',
});

/** Event builders, named after the events. */
export const ev = {
  created: (overrides: Partial<SessionCreated['data']> = {}): SessionEvent => ({
    type: 'SessionCreated',
    data: {
      session_id: 'sess-1',
      tenant_id: 'tenant-1',
      workflow_id: WORKFLOW.workflow_id,
      workflow_version: WORKFLOW.version,
      workflow_name: WORKFLOW.name,
      steps: WORKFLOW.steps,
      custom_tags: WORKFLOW.custom_tags,
      auto_process: WORKFLOW.auto_process,
      metadata: { user_email: 'user@example.com' },
      customer_id: 'cust-1',
      priority: 'medium',
      assigned_to: null,
      ttl_days: TTL_DAYS,
      expires_at: EXPIRES_AT,
      status: 'active',
      access_token: 'token-1',
      parent: null,
      ...overrides,
    },
  }),
  activated: (): SessionEvent => ({ type: 'SessionActivated', data: {} }),
  linkRegenerated: (access_token: string, expires_at = EXPIRES_AT): SessionEvent => ({
    type: 'AccessLinkRegenerated',
    data: { access_token, expires_at },
  }),
  stepStarted: (step_id: string): SessionEvent => ({ type: 'StepStarted', data: { step_id } }),
  formSubmitted: (step_id: string, values: Record<string, unknown>): SessionEvent => ({
    type: 'FormSubmitted',
    data: { step_id, values },
  }),
  uploaded: (step_id: string, doc_id: string, document_type: DocumentType): SessionEvent => ({
    type: 'DocumentUploaded',
    data: {
      step_id,
      doc_id,
      document_type,
      file_name: `${doc_id}.jpg`,
      mime_type: 'image/jpeg',
      size: 2048,
      sha256: `sha-${doc_id}`,
      storage_key: `tenant-1/sess-1/${doc_id}`,
    },
  }),
  documentRemoved: (step_id: string, doc_id: string): SessionEvent => ({
    type: 'DocumentRemoved',
    data: { step_id, doc_id },
  }),
  stepCompleted: (step_id: string): SessionEvent => ({ type: 'StepCompleted', data: { step_id } }),
  stepSkipped: (step_id: string): SessionEvent => ({ type: 'StepSkipped', data: { step_id } }),
  sessionCompleted: (): SessionEvent => ({ type: 'SessionCompleted', data: {} }),
  extended: (
    extend_days: number,
    expires_at: number,
    restored_status: SessionStatus | null = null,
    comment: string | null = null,
  ): SessionEvent => ({
    type: 'SessionExtended',
    data: { extend_days, expires_at, comment, restored_status },
  }),
  expired: (previous_status: SessionStatus): SessionEvent => ({
    type: 'SessionExpired',
    data: { previous_status },
  }),
  correctionRequested: (
    corrections: CorrectionItem[],
    previous_status: SessionStatus,
    comment: string | null = null,
  ): SessionEvent => ({ type: 'CorrectionRequested', data: { corrections, comment, previous_status } }),
  correctionResolved: (correction_id: string, step_id: string): SessionEvent => ({
    type: 'CorrectionResolved',
    data: { correction_id, step_id },
  }),
  subsessionCreated: (
    subsession_id: string,
    step_id = 'step_ubos',
    label = `UBO ${subsession_id}`,
  ): SessionEvent => ({
    type: 'SubsessionCreated',
    data: { subsession_id, step_id, label, workflow_id: 'wf-ubo' },
  }),
  subsessionRemoved: (subsession_id: string): SessionEvent => ({
    type: 'SubsessionRemoved',
    data: { subsession_id },
  }),
  processingRequested: (run: number, previous_status: SessionStatus): SessionEvent => ({
    type: 'ProcessingRequested',
    data: { run, previous_status },
  }),
  processingCompleted: (run: number, results: ProcessingResults = PROCESSING_RESULTS): SessionEvent => ({
    type: 'ProcessingCompleted',
    data: { run, results },
  }),
  processingFailed: (run: number, code = 'analysis_timeout'): SessionEvent => ({
    type: 'ProcessingFailed',
    data: { run, code, message: 'document analysis took longer than 60 s' },
  }),
  statusChanged: (from: SessionStatus, to: SessionStatus, notes: string | null = null): SessionEvent => ({
    type: 'StatusChanged',
    data: { from, to, notes },
  }),
  deleted: (): SessionEvent => ({ type: 'SessionDeleted', data: {} }),
};

/** The end user has done every required step; the optional `extra` step stays pending. */
export const completedFlow = (): SessionEvent[] => [
  ev.created(),
  ev.stepStarted('id_document'),
  ev.uploaded('id_document', 'doc-id-1', 'id'),
  ev.stepCompleted('id_document'),
  ev.stepStarted('selfie'),
  ev.uploaded('selfie', 'doc-selfie-1', 'selfie'),
  ev.stepCompleted('selfie'),
  ev.stepStarted('personal_info'),
  ev.formSubmitted('personal_info', VALID_PERSONAL_INFO),
  ev.stepCompleted('personal_info'),
  ev.stepStarted('step_ubos'),
  ev.subsessionCreated('sub-1'),
  ev.stepCompleted('step_ubos'),
  ev.sessionCompleted(),
];

/** A reviewer asked to fix the name and to replace the ID document of a completed session. */
export const awaitingCorrectionFlow = (): SessionEvent[] => [
  ...completedFlow(),
  ev.correctionRequested([NAME_CORRECTION, ID_CORRECTION], 'completed'),
];

/** A history that leaves the session in each status, by the paths API.md's status machine allows. */
export const HISTORY_FOR: Record<SessionStatus, () => SessionEvent[]> = {
  draft: () => [ev.created({ status: 'draft' })],
  active: () => [ev.created()],
  completed: completedFlow,
  processing: () => [...completedFlow(), ev.processingRequested(1, 'completed')],
  processed: () => [...completedFlow(), ev.processingRequested(1, 'completed'), ev.processingCompleted(1)],
  expired: () => [ev.created(), ev.expired('active')],
  approved: () => [...completedFlow(), ev.statusChanged('completed', 'approved')],
  rejected: () => [...completedFlow(), ev.statusChanged('completed', 'rejected')],
  manual_review: () => [...completedFlow(), ev.statusChanged('completed', 'manual_review')],
  awaiting_client_correction: awaitingCorrectionFlow,
};

/** A clean run: the passport read, the data consistent, the faces matched, nothing on the lists. */
export const PROCESSING_RESULTS: ProcessingResults = {
  extraction_results: {
    'doc-id-1': {
      status: 'extracted',
      source: 'mrz',
      document_type: 'passport',
      issuing_country: 'DE',
      full_name: 'JANE ROE',
      surname: 'ROE',
      given_names: 'JANE',
      document_number: 'C01X00T47',
      date_of_birth: '1990-01-15',
      nationality: 'DE',
      expiry_date: '2031-10-31',
      sex: 'F',
      check_digits_valid: true,
      failed_checks: [],
      field_confidence: { full_name: 0.98, document_number: 1 },
    },
  },
  cross_validation: { status: 'passed', warnings: [], errors: [] },
  face_match_result: { status: 'matched', confidence: 0.93, threshold: 0.8, document_id: 'doc-id-1', selfie_id: 'doc-selfie-1' },
  external_validations: {
    lists_check: { is_match: false, match_count: 0, lists_checked: ['ofac', 'un', 'eu'], names_checked: 1, matches: [] },
    crypto_check: null,
    adverse_media_check: { risk_score: 5, decision: 'CLEAR', provider: 'offline', articles: [] },
  },
  web_validation_results: [],
  risk_score: 4.5,
  risk_level: 'low',
  final_decision: 'approved',
  decision_reasons: [],
  processed_at: '2024-11-22T10:45:00.000Z',
  processing_time_ms: 1_250,
};

/** A lists hit as the validation service records it. */
export const SCREENING_HIT: ScreeningHit = {
  match_id: 'm_0123456789abcdef',
  source: 'lists',
  entity_id: 'ofac:12345',
  list: 'ofac',
  name: 'ROE, Jane',
  matched_name: 'ROE, Jane',
  score: 0.97,
  type: 'person',
  programs: ['SDGT'],
  subject: 'Jane Roe',
  explanation: { name: { score: 0.97 } },
};

/** One valid-looking command of every type (the mapped type fails to compile when a type is added). */
export const SAMPLE_COMMANDS: { [K in SessionCommandType]: Extract<SessionCommand, { type: K }> } = {
  CreateSession: {
    type: 'CreateSession',
    session_id: 'sess-1',
    tenant_id: 'tenant-1',
    workflow: WORKFLOW,
    ttl_days: null,
    metadata: {},
    customer_id: null,
    priority: 'medium',
    assigned_to: null,
    activate: true,
    access_token: 'token-1',
    parent: null,
  },
  GenerateLink: { type: 'GenerateLink', access_token: 'token-2' },
  ExtendSession: { type: 'ExtendSession', extend_days: 7, comment: null },
  ExpireSession: { type: 'ExpireSession' },
  SaveForm: { type: 'SaveForm', step_id: 'personal_info', values: { full_name: 'Jane Roe' } },
  UploadDocument: {
    type: 'UploadDocument',
    step_id: 'id_document',
    doc_id: 'doc-new',
    document_type: 'id',
    file_name: 'id.jpg',
    mime_type: 'image/jpeg',
    size: 1000,
    sha256: 'sha-new',
    storage_key: 'tenant-1/sess-1/doc-new',
  },
  RemoveDocument: { type: 'RemoveDocument', step_id: 'id_document', doc_id: 'doc-id-1' },
  CompleteStep: { type: 'CompleteStep', step_id: 'personal_info' },
  SkipStep: { type: 'SkipStep', step_id: 'extra' },
  RequestCorrections: { type: 'RequestCorrections', corrections: [NAME_CORRECTION], comment: null },
  UpdateReview: { type: 'UpdateReview', status: 'approved' },
  AddSubsession: {
    type: 'AddSubsession',
    subsession_id: 'sub-2',
    step_id: 'step_ubos',
    label: 'Maria Lopez - UBO',
    workflow_id: 'wf-ubo',
  },
  RemoveSubsession: { type: 'RemoveSubsession', subsession_id: 'sub-1' },
  DeleteSession: { type: 'DeleteSession' },
  RequestProcessing: { type: 'RequestProcessing' },
  RecordProcessingResult: { type: 'RecordProcessingResult', run: 1, results: PROCESSING_RESULTS, auto_decision: false },
  RecordProcessingFailure: {
    type: 'RecordProcessingFailure',
    run: 1,
    code: 'analysis_timeout',
    message: 'document analysis took longer than 60 s',
  },
  RecordValidation: {
    type: 'RecordValidation',
    validation_id: 'val-1',
    results: {
      lists_check: {
        is_match: true,
        match_count: 1,
        lists_checked: ['ofac', 'un', 'eu'],
        names_checked: 1,
        matches: [SCREENING_HIT],
      },
      crypto_check: null,
      adverse_media_check: { risk_score: 10, decision: 'CLEAR', provider: 'offline', articles: [] },
      validated_at: '2026-03-02T10:00:00.000Z',
    },
    list_versions: { ofac: '2023-12-28', un: '2026-02-27', eu: '2025-04-15' },
  },
  DismissMatch: { type: 'DismissMatch', match_id: SCREENING_HIT.match_id, reason: 'different date of birth' },
  RecordMonitoringHit: {
    type: 'RecordMonitoringHit',
    list: 'ofac',
    list_version: '2024-05-03',
    matches: [{ ...SCREENING_HIT, match_id: 'm_monitor', source: 'monitoring' }],
  },
};

export const ALL_COMMANDS: SessionCommand[] = Object.values(SAMPLE_COMMANDS);

/** The spec's default clock and actor: the tenant's API at creation time. */
export const contextAt = (now: string): CommandContext => ({ now, actor: API_KEY });
