import type { WorkflowCommand, WorkflowCommandContext } from './workflow-commands';
import type { WorkflowDefinition } from './workflow-definition';
import { validateWorkflowDefinition } from './workflow-definition.validation';
import { WorkflowDomainError } from './workflow-errors';
import type { WorkflowEvent, WorkflowEventMeta } from './workflow-events';
import {
  initialWorkflowState,
  latestWorkflowVersion,
  type Workflow,
  type WorkflowState,
} from './workflow-state';

/** Decides which events a command produces, or throws a `WorkflowDomainError`. */
export function decideWorkflow(
  command: WorkflowCommand,
  state: WorkflowState,
  _context: WorkflowCommandContext,
): WorkflowEvent[] {
  switch (command.type) {
    case 'CreateWorkflow': {
      if (state.exists) {
        throw new WorkflowDomainError('already_exists', `workflow ${command.workflow_id} already exists`);
      }
      const body = validBody(command.body);
      const definition: WorkflowDefinition = {
        workflow_id: command.workflow_id,
        tenant_id: command.tenant_id,
        version: 1,
        ...body,
      };
      return [{ type: 'WorkflowCreated', data: { definition } }];
    }
    case 'PublishWorkflowVersion': {
      const workflow = requireActive(state);
      const body = validBody(command.body);
      const definition: WorkflowDefinition = {
        workflow_id: workflow.workflow_id,
        tenant_id: workflow.tenant_id,
        version: latestWorkflowVersion(workflow).version + 1,
        ...body,
      };
      return [{ type: 'WorkflowVersionPublished', data: { definition } }];
    }
    case 'ArchiveWorkflow':
      requireActive(state);
      return [{ type: 'WorkflowArchived', data: {} }];
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled workflow command ${JSON.stringify(unhandled)}`);
    }
  }
}

export function evolveWorkflow(
  state: WorkflowState,
  event: WorkflowEvent,
  meta: WorkflowEventMeta,
): WorkflowState {
  switch (event.type) {
    case 'WorkflowCreated': {
      const { definition } = event.data;
      return {
        exists: true,
        workflow_id: definition.workflow_id,
        tenant_id: definition.tenant_id,
        versions: [definition],
        archived: false,
        created_at: meta.occurred_at,
        updated_at: meta.occurred_at,
        archived_at: null,
      };
    }
    case 'WorkflowVersionPublished': {
      const workflow = existing(state, event.type);
      return {
        ...workflow,
        versions: [...workflow.versions, event.data.definition],
        updated_at: meta.occurred_at,
      };
    }
    case 'WorkflowArchived': {
      const workflow = existing(state, event.type);
      return { ...workflow, archived: true, archived_at: meta.occurred_at, updated_at: meta.occurred_at };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled workflow event ${JSON.stringify(unhandled)}`);
    }
  }
}

export const workflowDecider = {
  decide: decideWorkflow,
  evolve: evolveWorkflow,
  initialState: initialWorkflowState,
};

function validBody(body: unknown) {
  const result = validateWorkflowDefinition(body);
  if (!result.ok) {
    throw new WorkflowDomainError('validation_failed', 'the workflow definition is invalid', result.problems);
  }
  return result.value;
}

function requireActive(state: WorkflowState): Workflow {
  if (!state.exists) throw new WorkflowDomainError('not_found', 'workflow not found');
  if (state.archived) {
    throw new WorkflowDomainError('invalid_transition', `workflow ${state.workflow_id} is archived`);
  }
  return state;
}

/** An event that needs an existing workflow on an empty stream means the stream is corrupt, not bad input. */
function existing(state: WorkflowState, eventType: string): Workflow {
  if (!state.exists) throw new Error(`${eventType} applied to a workflow stream without WorkflowCreated`);
  return state;
}
