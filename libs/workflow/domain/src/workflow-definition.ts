import type { DecisionRules } from './decision-rules';

export const FIELD_TYPES = [
  'text',
  'name',
  'date',
  'email',
  'phone',
  'country',
  'number',
  'select',
  'boolean',
  'url',
  'crypto_address',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const DOCUMENT_TYPES = [
  'id',
  'passport',
  'driver_license',
  'proof_of_address',
  'company_registry',
  'selfie',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const STEP_TYPES = ['document', 'selfie', 'form', 'subsessions'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export interface FormField {
  field_id: string;
  name: string;
  type: FieldType;
  required: boolean;
  /** Allowed values of a `select` field. */
  options?: string[];
}

interface StepBase {
  step_id: string;
  name?: string;
  optional: boolean;
}
export interface DocumentStep extends StepBase {
  type: 'document';
  document_types: DocumentType[];
}
export interface SelfieStep extends StepBase {
  type: 'selfie';
}
export interface FormStep extends StepBase {
  type: 'form';
  fields: FormField[];
}
export interface SubsessionsStep extends StepBase {
  type: 'subsessions';
  workflow_id: string;
  min: number;
  max: number;
}
export type StepDefinition = DocumentStep | SelfieStep | FormStep | SubsessionsStep;

export interface ValidationsConfig {
  lists: boolean;
  face_match: boolean;
  adverse_media: boolean;
  crypto: boolean;
  web: boolean;
}

/** One immutable version of a workflow. Sessions pin `workflow_id` + `version`. */
export interface WorkflowDefinition {
  workflow_id: string;
  tenant_id: string;
  version: number;
  name: string;
  steps: StepDefinition[];
  validations: ValidationsConfig;
  auto_process: boolean;
  auto_decision: boolean;
  custom_tags: Record<string, string>;
  default_ttl_days: number;
  /**
   * Every version published since decision rules exist carries them in full; older versions have none.
   * Read them with `decisionRulesOf`, which gives those the defaults.
   */
  decision_rules?: DecisionRules;
}
