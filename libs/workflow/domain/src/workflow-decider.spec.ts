import { at, deciderSpec } from '@kyc/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_RULES } from './decision-rules';
import type { WorkflowDefinition } from './workflow-definition';
import { workflowDecider } from './workflow-decider';
import type { WorkflowEvent } from './workflow-events';
import { latestWorkflowVersion, workflowVersion, type WorkflowState } from './workflow-state';

const T0 = '2024-11-20T09:00:00.000Z';
const spec = deciderSpec(workflowDecider, { now: T0 });

const body = (name: string) => ({ name, steps: [{ step_id: 'selfie', type: 'selfie' }] });
const definition = (version: number, name: string): WorkflowDefinition => ({
  workflow_id: 'wf-1',
  tenant_id: 'tenant-1',
  version,
  name,
  steps: [{ step_id: 'selfie', type: 'selfie', optional: false }],
  validations: { lists: false, face_match: false, adverse_media: false, crypto: false, web: false },
  auto_process: false,
  auto_decision: false,
  custom_tags: {},
  default_ttl_days: 7,
  decision_rules: DEFAULT_DECISION_RULES,
});
const created: WorkflowEvent = { type: 'WorkflowCreated', data: { definition: definition(1, 'Basic KYC') } };
const published = (version: number, name: string): WorkflowEvent => ({
  type: 'WorkflowVersionPublished',
  data: { definition: definition(version, name) },
});
const archived: WorkflowEvent = { type: 'WorkflowArchived', data: {} };

function existing(state: WorkflowState) {
  if (!state.exists) throw new Error('expected a workflow');
  return state;
}

describe('workflow decider', () => {
  it('creates version 1 from a valid body', () => {
    const { state } = spec
      .given([])
      .when({ type: 'CreateWorkflow', workflow_id: 'wf-1', tenant_id: 'tenant-1', body: body('Basic KYC') })
      .then([created]);
    expect(existing(state)).toMatchObject({
      archived: false,
      created_at: T0,
      updated_at: T0,
      archived_at: null,
    });
    expect(latestWorkflowVersion(existing(state)).version).toBe(1);
  });

  it('refuses an invalid body with the validation problems', () => {
    spec
      .given([])
      .when({
        type: 'CreateWorkflow',
        workflow_id: 'wf-1',
        tenant_id: 'tenant-1',
        body: { name: 'W', steps: [] },
      })
      .thenError('validation_failed', [{ field: 'steps', issue: 'must contain at least one step' }]);
  });

  it('refuses to create a workflow twice', () => {
    spec
      .given([created])
      .when({ type: 'CreateWorkflow', workflow_id: 'wf-1', tenant_id: 'tenant-1', body: body('Again') })
      .thenError('already_exists');
  });

  it('publishes each PUT as the next version and keeps every older one', () => {
    const { state } = spec
      .given([created, at('2024-11-21T09:00:00.000Z', published(2, 'Basic KYC v2'))])
      .when(
        { type: 'PublishWorkflowVersion', body: body('Basic KYC v3') },
        { now: '2024-11-22T09:00:00.000Z' },
      )
      .then([published(3, 'Basic KYC v3')]);
    const workflow = existing(state);
    expect(workflow.versions.map((version) => [version.version, version.name])).toEqual([
      [1, 'Basic KYC'],
      [2, 'Basic KYC v2'],
      [3, 'Basic KYC v3'],
    ]);
    expect(workflowVersion(workflow, 2)?.name).toBe('Basic KYC v2');
    expect(workflowVersion(workflow, 4)).toBeUndefined();
    expect(workflow).toMatchObject({ created_at: T0, updated_at: '2024-11-22T09:00:00.000Z' });
  });

  it('validates a new version like a new workflow', () => {
    spec
      .given([created])
      .when({ type: 'PublishWorkflowVersion', body: { name: '', steps: [{ step_id: 's', type: 'selfie' }] } })
      .thenError('validation_failed', [{ field: 'name', issue: 'must be a non-empty string' }]);
  });

  it('archives a workflow once; an archived workflow takes no new version', () => {
    const { state } = spec.given([created]).when({ type: 'ArchiveWorkflow' }).then([archived]);
    expect(existing(state)).toMatchObject({ archived: true, archived_at: T0 });
    spec.given([created, archived]).when({ type: 'ArchiveWorkflow' }).thenError('invalid_transition');
    spec
      .given([created, archived])
      .when({ type: 'PublishWorkflowVersion', body: body('v2') })
      .thenError('invalid_transition');
  });

  it('answers not_found on an empty stream', () => {
    spec
      .given([])
      .when({ type: 'PublishWorkflowVersion', body: body('v2') })
      .thenError('not_found');
    spec.given([]).when({ type: 'ArchiveWorkflow' }).thenError('not_found');
  });

  it('refuses to fold a version or an archive onto an empty stream', () => {
    expect(() => workflowDecider.evolve(workflowDecider.initialState, archived, { occurred_at: T0 })).toThrow(
      /without WorkflowCreated/,
    );
  });
});

describe('the given/when/then helper itself', () => {
  it('fails when the events differ from the expected ones', () => {
    expect(() => spec.given([created]).when({ type: 'ArchiveWorkflow' }).then([])).toThrow();
  });

  it('fails when an error was expected but events came', () => {
    expect(() =>
      spec.given([created]).when({ type: 'ArchiveWorkflow' }).thenError('invalid_transition'),
    ).toThrow(/expected error "invalid_transition"/);
  });

  it('fails when the error code or details differ', () => {
    const when = spec.given([]).when({ type: 'ArchiveWorkflow' });
    expect(() => when.thenError('invalid_transition')).toThrow();
    expect(() => when.thenError('not_found', [{ field: 'x', issue: 'y' }])).toThrow();
    expect(when.thenError('not_found').message).toBe('workflow not found');
  });

  it('fails with the refusal when events were expected', () => {
    expect(() => spec.given([]).when({ type: 'ArchiveWorkflow' }).then([archived])).toThrow(
      /decide refused: not_found: workflow not found/,
    );
    expect(() => spec.given([]).when({ type: 'ArchiveWorkflow' }).thenSucceeds()).toThrow(/decide refused/);
  });
});
