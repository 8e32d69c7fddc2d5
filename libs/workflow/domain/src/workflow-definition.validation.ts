import { validateDecisionRules, type DecisionRules } from './decision-rules';
import type { ValidationProblem } from './validation-problem';
import {
  DOCUMENT_TYPES,
  FIELD_TYPES,
  STEP_TYPES,
  type DocumentType,
  type FormField,
  type StepDefinition,
  type StepType,
  type ValidationsConfig,
  type WorkflowDefinition,
} from './workflow-definition';

/**
 * What a tenant writes: a workflow version without the ids and version number the platform assigns. Once
 * validated it always holds the decision rules, defaults filled in.
 */
export type WorkflowDefinitionBody = Omit<
  WorkflowDefinition,
  'workflow_id' | 'tenant_id' | 'version' | 'decision_rules'
> & {
  decision_rules: DecisionRules;
};

export type WorkflowDefinitionValidation =
  { ok: true; value: WorkflowDefinitionBody } | { ok: false; problems: ValidationProblem[] };

export const WORKFLOW_LIMITS = {
  nameMaxLength: 200,
  maxCustomTags: 50,
  minTtlDays: 1,
  maxTtlDays: 90,
  defaultTtlDays: 7,
  maxSubsessions: 100,
} as const;

/**
 * Step and field ids appear in public URLs (`/steps/{step_id}/form`) and as form value keys, so they are
 * restricted to URL-safe characters.
 */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ID_ISSUE = 'must be 1 to 64 letters, digits, underscores or hyphens';

const VALIDATION_KEYS = [
  'lists',
  'face_match',
  'adverse_media',
  'crypto',
  'web',
] as const satisfies readonly (keyof ValidationsConfig)[];

/** Keys that belong to one step type; on another type they are a mistake worth reporting. */
const TYPE_SPECIFIC_KEYS: Record<string, StepType> = {
  document_types: 'document',
  fields: 'form',
  workflow_id: 'subsessions',
  min: 'subsessions',
  max: 'subsessions',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * The domain's own rules for a workflow body (the HTTP layer checks shapes separately, but this function
 * trusts nothing about its input). Applies defaults: optional/required false, every validation off,
 * auto_process/auto_decision false, custom_tags {}, default_ttl_days 7, subsession min 0 and max 100, and
 * `DEFAULT_DECISION_RULES` for every decision rule left out.
 */
export function validateWorkflowDefinition(input: unknown): WorkflowDefinitionValidation {
  const problems: ValidationProblem[] = [];
  if (!isObject(input)) {
    return { ok: false, problems: [{ field: '', issue: 'must be an object' }] };
  }
  const name = requiredText(input['name'], 'name', WORKFLOW_LIMITS.nameMaxLength, problems);
  const steps = validateSteps(input['steps'], problems);
  const validations = validateValidations(input['validations'], problems);
  const auto_process = optionalBoolean(input['auto_process'], 'auto_process', problems);
  const auto_decision = optionalBoolean(input['auto_decision'], 'auto_decision', problems);
  const custom_tags = validateCustomTags(input['custom_tags'], problems);
  const default_ttl_days = integerInRange(
    input['default_ttl_days'],
    'default_ttl_days',
    WORKFLOW_LIMITS.minTtlDays,
    WORKFLOW_LIMITS.maxTtlDays,
    WORKFLOW_LIMITS.defaultTtlDays,
    problems,
  );
  const decision_rules = validateDecisionRules(input['decision_rules'], problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      steps,
      validations,
      auto_process,
      auto_decision,
      custom_tags,
      default_ttl_days,
      decision_rules,
    },
  };
}

function validateSteps(raw: unknown, problems: ValidationProblem[]): StepDefinition[] {
  if (!Array.isArray(raw)) {
    problems.push({ field: 'steps', issue: 'must be an array' });
    return [];
  }
  if (raw.length === 0) {
    problems.push({ field: 'steps', issue: 'must contain at least one step' });
    return [];
  }
  const steps: StepDefinition[] = [];
  const firstIndexOf = new Map<string, number>();
  raw.forEach((item, index) => {
    const path = `steps[${index}]`;
    const step = validateStep(item, path, problems);
    if (!step) return;
    steps.push(step);
    // An invalid id is already reported; comparing it with others would only add noise.
    if (!ID_PATTERN.test(step.step_id)) return;
    const earlier = firstIndexOf.get(step.step_id);
    if (earlier !== undefined) {
      problems.push({
        field: `${path}.step_id`,
        issue: `duplicates steps[${earlier}].step_id "${step.step_id}"`,
      });
    } else {
      firstIndexOf.set(step.step_id, index);
    }
  });
  return steps;
}

function validateStep(raw: unknown, path: string, problems: ValidationProblem[]): StepDefinition | null {
  if (!isObject(raw)) {
    problems.push({ field: path, issue: 'must be an object' });
    return null;
  }
  const step_id = identifier(raw['step_id'], `${path}.step_id`, problems);
  const name = optionalText(raw['name'], `${path}.name`, WORKFLOW_LIMITS.nameMaxLength, problems);
  const optional = optionalBoolean(raw['optional'], `${path}.optional`, problems);
  const type = raw['type'];
  if (!isOneOf(STEP_TYPES, type)) {
    problems.push({ field: `${path}.type`, issue: `must be one of: ${STEP_TYPES.join(', ')}` });
    return null;
  }
  for (const [key, owner] of Object.entries(TYPE_SPECIFIC_KEYS)) {
    if (owner !== type && raw[key] !== undefined) {
      problems.push({ field: `${path}.${key}`, issue: `is only allowed on ${owner} steps` });
    }
  }
  const base = { step_id, optional, ...(name === undefined ? {} : { name }) };
  let step: StepDefinition;
  switch (type) {
    case 'document':
      step = { ...base, type, document_types: validateDocumentTypes(raw['document_types'], path, problems) };
      break;
    case 'selfie':
      step = { ...base, type };
      break;
    case 'form':
      step = { ...base, type, fields: validateFields(raw['fields'], path, problems) };
      break;
    case 'subsessions': {
      const workflow_id = requiredText(raw['workflow_id'], `${path}.workflow_id`, 200, problems);
      step = { ...base, type, workflow_id, ...validateSubsessionLimits(raw, path, problems) };
      break;
    }
    default: {
      const unknownType: never = type;
      throw new Error(`unhandled step type ${String(unknownType)}`);
    }
  }
  return step;
}

function validateDocumentTypes(raw: unknown, path: string, problems: ValidationProblem[]): DocumentType[] {
  const field = `${path}.document_types`;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ field, issue: `must be a non-empty array of: ${DOCUMENT_TYPES.join(', ')}` });
    return [];
  }
  const types: DocumentType[] = [];
  raw.forEach((value, index) => {
    if (!isOneOf(DOCUMENT_TYPES, value)) {
      problems.push({ field: `${field}[${index}]`, issue: `must be one of: ${DOCUMENT_TYPES.join(', ')}` });
    } else if (types.includes(value)) {
      problems.push({ field: `${field}[${index}]`, issue: `duplicates "${value}"` });
    } else {
      types.push(value);
    }
  });
  return types;
}

function validateFields(raw: unknown, path: string, problems: ValidationProblem[]): FormField[] {
  const field = `${path}.fields`;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ field, issue: 'must be a non-empty array of fields' });
    return [];
  }
  const fields: FormField[] = [];
  const firstIndexOf = new Map<string, number>();
  raw.forEach((item, index) => {
    const fieldPath = `${field}[${index}]`;
    const formField = validateField(item, fieldPath, problems);
    if (!formField) return;
    fields.push(formField);
    if (!ID_PATTERN.test(formField.field_id)) return;
    const earlier = firstIndexOf.get(formField.field_id);
    if (earlier !== undefined) {
      problems.push({
        field: `${fieldPath}.field_id`,
        issue: `duplicates ${field}[${earlier}].field_id "${formField.field_id}"`,
      });
    } else {
      firstIndexOf.set(formField.field_id, index);
    }
  });
  return fields;
}

function validateField(raw: unknown, path: string, problems: ValidationProblem[]): FormField | null {
  if (!isObject(raw)) {
    problems.push({ field: path, issue: 'must be an object' });
    return null;
  }
  const field_id = identifier(raw['field_id'], `${path}.field_id`, problems);
  const name = requiredText(raw['name'], `${path}.name`, WORKFLOW_LIMITS.nameMaxLength, problems);
  const required = optionalBoolean(raw['required'], `${path}.required`, problems);
  const type: unknown = raw['type'];
  if (!isOneOf(FIELD_TYPES, type)) {
    problems.push({ field: `${path}.type`, issue: `must be one of: ${FIELD_TYPES.join(', ')}` });
    return null;
  }
  const formField: FormField = { field_id, name, type, required };
  if (type === 'select') {
    formField.options = validateOptions(raw['options'], `${path}.options`, problems);
  } else if (raw['options'] !== undefined) {
    problems.push({ field: `${path}.options`, issue: 'is only allowed on select fields' });
  }
  return formField;
}

function validateOptions(raw: unknown, path: string, problems: ValidationProblem[]): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ field: path, issue: 'must be a non-empty array of strings' });
    return [];
  }
  const options: string[] = [];
  raw.forEach((value, index) => {
    if (typeof value !== 'string' || value.trim().length === 0) {
      problems.push({ field: `${path}[${index}]`, issue: 'must be a non-empty string' });
    } else if (options.includes(value)) {
      problems.push({ field: `${path}[${index}]`, issue: `duplicates "${value}"` });
    } else {
      options.push(value);
    }
  });
  return options;
}

function validateSubsessionLimits(
  raw: Json,
  path: string,
  problems: ValidationProblem[],
): { min: number; max: number } {
  const ceiling = WORKFLOW_LIMITS.maxSubsessions;
  const min = integerInRange(raw['min'], `${path}.min`, 0, ceiling, 0, problems);
  const max = integerInRange(raw['max'], `${path}.max`, 0, ceiling, ceiling, problems);
  if (min > max) problems.push({ field: `${path}.min`, issue: `must not exceed max (${max})` });
  return { min, max };
}

function validateValidations(raw: unknown, problems: ValidationProblem[]): ValidationsConfig {
  const config: ValidationsConfig = {
    lists: false,
    face_match: false,
    adverse_media: false,
    crypto: false,
    web: false,
  };
  if (raw === undefined) return config;
  if (!isObject(raw)) {
    problems.push({ field: 'validations', issue: 'must be an object' });
    return config;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isOneOf(VALIDATION_KEYS, key)) {
      problems.push({
        field: `validations.${key}`,
        issue: `is not a validation (${VALIDATION_KEYS.join(', ')})`,
      });
    } else if (value !== undefined) {
      config[key] = optionalBoolean(value, `validations.${key}`, problems);
    }
  }
  return config;
}

function validateCustomTags(raw: unknown, problems: ValidationProblem[]): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    problems.push({ field: 'custom_tags', issue: 'must be an object of string values' });
    return {};
  }
  const entries = Object.entries(raw);
  if (entries.length > WORKFLOW_LIMITS.maxCustomTags) {
    problems.push({ field: 'custom_tags', issue: `must have at most ${WORKFLOW_LIMITS.maxCustomTags} keys` });
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.trim().length === 0) {
      problems.push({ field: 'custom_tags', issue: 'keys must not be empty' });
    } else if (typeof value !== 'string') {
      problems.push({ field: `custom_tags.${key}`, issue: 'must be a string' });
    } else {
      tags[key] = value;
    }
  }
  return tags;
}

function identifier(raw: unknown, field: string, problems: ValidationProblem[]): string {
  if (typeof raw !== 'string' || !ID_PATTERN.test(raw)) {
    problems.push({ field, issue: ID_ISSUE });
    return typeof raw === 'string' ? raw : '';
  }
  return raw;
}

function requiredText(raw: unknown, field: string, maxLength: number, problems: ValidationProblem[]): string {
  if (typeof raw !== 'string' || raw.trim().length === 0) {
    problems.push({ field, issue: 'must be a non-empty string' });
    return '';
  }
  const text = raw.trim();
  if (text.length > maxLength) problems.push({ field, issue: `must be at most ${maxLength} characters` });
  return text;
}

function optionalText(
  raw: unknown,
  field: string,
  maxLength: number,
  problems: ValidationProblem[],
): string | undefined {
  return raw === undefined ? undefined : requiredText(raw, field, maxLength, problems);
}

function optionalBoolean(raw: unknown, field: string, problems: ValidationProblem[]): boolean {
  if (raw === undefined) return false;
  if (typeof raw !== 'boolean') {
    problems.push({ field, issue: 'must be a boolean' });
    return false;
  }
  return raw;
}

function integerInRange(
  raw: unknown,
  field: string,
  min: number,
  max: number,
  fallback: number,
  problems: ValidationProblem[],
): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    problems.push({ field, issue: `must be an integer between ${min} and ${max}` });
    return fallback;
  }
  return raw;
}
