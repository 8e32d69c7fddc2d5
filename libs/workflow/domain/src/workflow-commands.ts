/**
 * Workflow commands carry the tenant's body as received: the decider validates it with
 * `validateWorkflowDefinition` and assigns the version number.
 */
export type WorkflowCommand =
  | { type: 'CreateWorkflow'; workflow_id: string; tenant_id: string; body: unknown }
  /** `PUT /kyc/workflows/{id}`: the body becomes the next version. */
  | { type: 'PublishWorkflowVersion'; body: unknown }
  /** `DELETE /kyc/workflows/{id}`: no new sessions or versions; existing sessions continue. */
  | { type: 'ArchiveWorkflow' };

export type WorkflowCommandType = WorkflowCommand['type'];

export interface WorkflowCommandContext {
  /** ISO 8601 UTC. */
  now: string;
}
