import type { WorkflowDefinition } from './workflow-definition';

export interface WorkflowCreated {
  type: 'WorkflowCreated';
  /** Version 1. */
  data: { definition: WorkflowDefinition };
}
export interface WorkflowVersionPublished {
  type: 'WorkflowVersionPublished';
  data: { definition: WorkflowDefinition };
}
export interface WorkflowArchived {
  type: 'WorkflowArchived';
  data: Record<string, never>;
}

export type WorkflowEvent = WorkflowCreated | WorkflowVersionPublished | WorkflowArchived;
export type WorkflowEventType = WorkflowEvent['type'];

/** What `evolve` needs to know about an event besides its data. */
export interface WorkflowEventMeta {
  /** ISO 8601 UTC. */
  occurred_at: string;
}
