import type { WorkflowDefinition } from './workflow-definition';

export interface NoWorkflow {
  exists: false;
}

export interface Workflow {
  exists: true;
  workflow_id: string;
  tenant_id: string;
  /** Every published version, oldest first (`versions[n - 1].version === n`): sessions may pin any of them. */
  versions: WorkflowDefinition[];
  archived: boolean;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export type WorkflowState = NoWorkflow | Workflow;

export const initialWorkflowState: WorkflowState = { exists: false };

export function latestWorkflowVersion(workflow: Workflow): WorkflowDefinition {
  const latest = workflow.versions[workflow.versions.length - 1];
  if (!latest) throw new Error(`workflow ${workflow.workflow_id} has no versions`);
  return latest;
}

export function workflowVersion(workflow: Workflow, version: number): WorkflowDefinition | undefined {
  return workflow.versions.find((definition) => definition.version === version);
}
