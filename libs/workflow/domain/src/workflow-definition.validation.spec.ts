import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_RULES } from './decision-rules';
import { validateWorkflowDefinition } from './workflow-definition.validation';

/** The body of API.md's example. */
const apiExample = () => ({
  name: 'Basic KYC',
  steps: [
    { step_id: 'id_document', type: 'document', name: 'Identity document', document_types: ['id'] },
    { step_id: 'selfie', type: 'selfie' },
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'email', name: 'Email', type: 'email' },
      ],
    },
    { step_id: 'step_ubos', type: 'subsessions', workflow_id: 'wf-ubo', min: 0, max: 10 },
  ],
  validations: { lists: true, face_match: true, adverse_media: true, crypto: false, web: false },
  auto_process: false,
  auto_decision: false,
  custom_tags: { department: 'onboarding', region: 'latam' },
  default_ttl_days: 7,
});

const problemsOf = (input: unknown) => {
  const result = validateWorkflowDefinition(input);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.problems;
};

describe('validateWorkflowDefinition', () => {
  it("accepts API.md's example and normalises it with defaults", () => {
    const result = validateWorkflowDefinition(apiExample());
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Basic KYC',
        steps: [
          {
            step_id: 'id_document',
            type: 'document',
            name: 'Identity document',
            optional: false,
            document_types: ['id'],
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
          {
            step_id: 'step_ubos',
            type: 'subsessions',
            optional: false,
            workflow_id: 'wf-ubo',
            min: 0,
            max: 10,
          },
        ],
        validations: { lists: true, face_match: true, adverse_media: true, crypto: false, web: false },
        auto_process: false,
        auto_decision: false,
        custom_tags: { department: 'onboarding', region: 'latam' },
        default_ttl_days: 7,
        decision_rules: DEFAULT_DECISION_RULES,
      },
    });
  });

  it('applies every default to a minimal body', () => {
    expect(
      validateWorkflowDefinition({ name: ' Minimal ', steps: [{ step_id: 's', type: 'selfie' }] }),
    ).toEqual({
      ok: true,
      value: {
        name: 'Minimal',
        steps: [{ step_id: 's', type: 'selfie', optional: false }],
        validations: { lists: false, face_match: false, adverse_media: false, crypto: false, web: false },
        auto_process: false,
        auto_decision: false,
        custom_tags: {},
        default_ttl_days: 7,
        decision_rules: DEFAULT_DECISION_RULES,
      },
    });
  });

  it('defaults subsession limits to 0..100 and keeps optional steps and select options', () => {
    const result = validateWorkflowDefinition({
      name: 'W',
      steps: [
        { step_id: 'ubos', type: 'subsessions', workflow_id: 'wf-ubo', optional: true },
        {
          step_id: 'f',
          type: 'form',
          fields: [{ field_id: 'kind', name: 'Kind', type: 'select', options: ['a', 'b'] }],
        },
      ],
      validations: { crypto: true },
    });
    expect(result.ok && result.value.steps).toEqual([
      { step_id: 'ubos', type: 'subsessions', optional: true, workflow_id: 'wf-ubo', min: 0, max: 100 },
      {
        step_id: 'f',
        type: 'form',
        optional: false,
        fields: [{ field_id: 'kind', name: 'Kind', type: 'select', required: false, options: ['a', 'b'] }],
      },
    ]);
    expect(result.ok && result.value.validations.crypto).toBe(true);
  });

  it('refuses a body that is not an object', () => {
    for (const input of [null, [], 'workflow', 3]) {
      expect(problemsOf(input)).toEqual([{ field: '', issue: 'must be an object' }]);
    }
  });

  it('needs a name and at least one step', () => {
    expect(problemsOf({ name: '  ', steps: [] })).toEqual([
      { field: 'name', issue: 'must be a non-empty string' },
      { field: 'steps', issue: 'must contain at least one step' },
    ]);
    expect(problemsOf({ steps: 'x', name: 'n'.repeat(201) })).toEqual([
      { field: 'name', issue: 'must be at most 200 characters' },
      { field: 'steps', issue: 'must be an array' },
    ]);
  });

  it('names step problems by their JSON path', () => {
    const body = apiExample();
    body.steps = [
      { step_id: 'a', type: 'selfie' },
      { step_id: 'a', type: 'selfie' },
      { step_id: 'has space', type: 'selfie' },
      { step_id: 'b', type: 'video' },
      { step_id: 'c', type: 'document', document_types: [] },
      { step_id: 'd', type: 'document', document_types: ['id', 'visa', 'id'] },
      { step_id: 'e', type: 'selfie', document_types: ['selfie'], optional: 'yes' },
      7,
    ] as never;
    expect(problemsOf(body)).toEqual([
      { field: 'steps[1].step_id', issue: 'duplicates steps[0].step_id "a"' },
      { field: 'steps[2].step_id', issue: 'must be 1 to 64 letters, digits, underscores or hyphens' },
      { field: 'steps[3].type', issue: 'must be one of: document, selfie, form, subsessions' },
      {
        field: 'steps[4].document_types',
        issue:
          'must be a non-empty array of: id, passport, driver_license, proof_of_address, company_registry, selfie, other',
      },
      {
        field: 'steps[5].document_types[1]',
        issue:
          'must be one of: id, passport, driver_license, proof_of_address, company_registry, selfie, other',
      },
      { field: 'steps[5].document_types[2]', issue: 'duplicates "id"' },
      { field: 'steps[6].optional', issue: 'must be a boolean' },
      { field: 'steps[6].document_types', issue: 'is only allowed on document steps' },
      { field: 'steps[7]', issue: 'must be an object' },
    ]);
  });

  it('names form field problems by their JSON path', () => {
    const body = {
      name: 'W',
      steps: [
        { step_id: 'empty', type: 'form', fields: [] },
        {
          step_id: 'f',
          type: 'form',
          fields: [
            { field_id: 'x', name: 'X', type: 'text' },
            { field_id: 'x', name: 'X again', type: 'text' },
            { field_id: 'y', name: 'Y', type: 'colour' },
            { field_id: 'z', name: '', type: 'text', required: 'true' },
            { field_id: 's', name: 'S', type: 'select' },
            { field_id: 't', name: 'T', type: 'select', options: ['a', '', 'a'] },
            { field_id: 'u', name: 'U', type: 'text', options: ['a'] },
          ],
        },
      ],
    };
    expect(problemsOf(body)).toEqual([
      { field: 'steps[0].fields', issue: 'must be a non-empty array of fields' },
      { field: 'steps[1].fields[1].field_id', issue: 'duplicates steps[1].fields[0].field_id "x"' },
      {
        field: 'steps[1].fields[2].type',
        issue:
          'must be one of: text, name, date, email, phone, country, number, select, boolean, url, crypto_address',
      },
      { field: 'steps[1].fields[3].name', issue: 'must be a non-empty string' },
      { field: 'steps[1].fields[3].required', issue: 'must be a boolean' },
      { field: 'steps[1].fields[4].options', issue: 'must be a non-empty array of strings' },
      { field: 'steps[1].fields[5].options[1]', issue: 'must be a non-empty string' },
      { field: 'steps[1].fields[5].options[2]', issue: 'duplicates "a"' },
      { field: 'steps[1].fields[6].options', issue: 'is only allowed on select fields' },
    ]);
  });

  it('checks subsession steps: workflow_id and 0 <= min <= max <= 100', () => {
    const step = (extra: Record<string, unknown>) => ({
      name: 'W',
      steps: [{ step_id: 'u', type: 'subsessions', ...extra }],
    });
    expect(problemsOf(step({ min: 0, max: 1 }))).toEqual([
      { field: 'steps[0].workflow_id', issue: 'must be a non-empty string' },
    ]);
    expect(problemsOf(step({ workflow_id: 'w', min: 5, max: 2 }))).toEqual([
      { field: 'steps[0].min', issue: 'must not exceed max (2)' },
    ]);
    expect(problemsOf(step({ workflow_id: 'w', min: -1, max: 101 }))).toEqual([
      { field: 'steps[0].min', issue: 'must be an integer between 0 and 100' },
      { field: 'steps[0].max', issue: 'must be an integer between 0 and 100' },
    ]);
    expect(problemsOf(step({ workflow_id: 'w', min: 1.5 }))).toEqual([
      { field: 'steps[0].min', issue: 'must be an integer between 0 and 100' },
    ]);
    expect(validateWorkflowDefinition(step({ workflow_id: 'w', min: 100, max: 100 })).ok).toBe(true);
    expect(problemsOf({ name: 'W', steps: [{ step_id: 's', type: 'selfie', min: 1 }] })).toEqual([
      { field: 'steps[0].min', issue: 'is only allowed on subsessions steps' },
    ]);
  });

  it('checks default_ttl_days 1..90', () => {
    const body = (default_ttl_days: unknown) => ({
      name: 'W',
      steps: [{ step_id: 's', type: 'selfie' }],
      default_ttl_days,
    });
    for (const good of [1, 90]) expect(validateWorkflowDefinition(body(good)).ok).toBe(true);
    for (const bad of [0, 91, 7.5, '7']) {
      expect(problemsOf(body(bad))).toEqual([
        { field: 'default_ttl_days', issue: 'must be an integer between 1 and 90' },
      ]);
    }
  });

  it('checks custom_tags: string values, non-empty keys, at most 50', () => {
    const body = (custom_tags: unknown) => ({
      name: 'W',
      steps: [{ step_id: 's', type: 'selfie' }],
      custom_tags,
    });
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v']));
    expect(validateWorkflowDefinition(body(fifty)).ok).toBe(true);
    expect(problemsOf(body({ ...fifty, k50: 'v' }))).toEqual([
      { field: 'custom_tags', issue: 'must have at most 50 keys' },
    ]);
    expect(problemsOf(body({ region: 7, '': 'x' }))).toEqual([
      { field: 'custom_tags.region', issue: 'must be a string' },
      { field: 'custom_tags', issue: 'keys must not be empty' },
    ]);
    expect(problemsOf(body(['a']))).toEqual([
      { field: 'custom_tags', issue: 'must be an object of string values' },
    ]);
  });

  it('checks validations, auto_process and auto_decision', () => {
    const base = { name: 'W', steps: [{ step_id: 's', type: 'selfie' }] };
    expect(
      problemsOf({ ...base, validations: { lists: 'yes', ocr: true }, auto_process: 1, auto_decision: 'no' }),
    ).toEqual([
      { field: 'validations.lists', issue: 'must be a boolean' },
      {
        field: 'validations.ocr',
        issue: 'is not a validation (lists, face_match, adverse_media, crypto, web)',
      },
      { field: 'auto_process', issue: 'must be a boolean' },
      { field: 'auto_decision', issue: 'must be a boolean' },
    ]);
    expect(problemsOf({ ...base, validations: true })).toEqual([
      { field: 'validations', issue: 'must be an object' },
    ]);
  });

  it('keeps the decision rules a body gives and fills the rest with the defaults', () => {
    const result = validateWorkflowDefinition({
      name: 'W',
      steps: [{ step_id: 's', type: 'selfie' }],
      decision_rules: { approve_below: 20, on: { list_match: 'rejected' }, face_match: { threshold: 0.9 } },
    });
    expect(result.ok && result.value.decision_rules).toEqual({
      ...DEFAULT_DECISION_RULES,
      approve_below: 20,
      face_match: { threshold: 0.9, reject_below: 0.2 },
      on: { ...DEFAULT_DECISION_RULES.on, list_match: 'rejected' },
    });
  });

  it('names decision rule problems by their JSON path, after the other problems', () => {
    expect(
      problemsOf({
        name: '',
        steps: [{ step_id: 's', type: 'selfie' }],
        decision_rules: { face_match: { threshold: 1 }, on: { face_mismatch: 'ignore' } },
      }),
    ).toEqual([
      { field: 'name', issue: 'must be a non-empty string' },
      {
        field: 'decision_rules.face_match.threshold',
        issue: 'must be a number greater than 0 and less than 1',
      },
      {
        field: 'decision_rules.on.face_mismatch',
        issue: 'must be one of: approved, flagged, manual_review, rejected',
      },
    ]);
  });
});
