import type { Session, SessionCommand, SessionEvent, SessionState } from '@kyc/session-domain';
import type { WorkflowCommand, WorkflowEvent, WorkflowState } from '@kyc/workflow-domain';
import type { CommandOrigin, Handled } from './aggregate-repository';

export interface CreateSessionInput {
  workflow_id: string;
  ttl_days?: number;
  metadata?: Record<string, unknown>;
  customer_id?: string;
  priority?: 'low' | 'medium' | 'high';
  assigned_to?: string;
  activate?: boolean;
}

export interface CreateSubsessionInput {
  step_id: string;
  label: string;
  metadata?: Record<string, unknown>;
}

/**
 * The write side as its callers (the gateway, background jobs) see it. Embedded, the session application
 * implements it in the same process; distributed, a client forwards each call to the session service and
 * waits for its answer. Domain refusals (SessionDomainError, WorkflowDomainError, VersionConflictError)
 * arrive as the same error classes either way.
 */
export interface SessionCommands {
  handleSession(sessionId: string, command: SessionCommand, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>>;
  handleWorkflow(
    workflowId: string,
    command: WorkflowCommand,
    origin: CommandOrigin,
    options?: { expectNew?: boolean },
  ): Promise<Handled<WorkflowState, WorkflowEvent>>;
  createSession(input: CreateSessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>>;
  /** The parent must exist and belong to the origin's tenant (else not_found). */
  createSubsession(parentId: string, input: CreateSubsessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>>;
  /** A new access token; the previous one stops working at once. */
  regenerateLink(sessionId: string, origin: CommandOrigin): Promise<{ session: Session; position: bigint | null }>;
  /** Erases the session and its subsessions; the global position of the last event appended. */
  deleteSession(sessionId: string, origin: CommandOrigin): Promise<bigint | null>;
  deleteSubsession(parentId: string, subsessionId: string, origin: CommandOrigin): Promise<bigint | null>;
}

export const SESSION_COMMANDS = Symbol('SESSION_COMMANDS');

/**
 * The session service did not answer: unreachable, too slow, or shutting down. The command may or may not
 * have been applied (a timeout can hide a success), so callers retry with the same idempotency key.
 */
export class SessionServiceUnavailableError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'shutting_down',
    message: string,
  ) {
    super(message);
    this.name = 'SessionServiceUnavailableError';
  }
}
