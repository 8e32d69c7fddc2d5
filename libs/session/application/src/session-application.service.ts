import { randomUUID } from 'node:crypto';
import type { EventStore } from '@kyc/event-store';
import type { PiiVault } from '@kyc/pii-vault';
import {
  decide,
  evolve,
  initialState,
  SessionDomainError,
  type Session,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
} from '@kyc/session-domain';
import type { DocumentStorage } from '@kyc/storage';
import {
  latestWorkflowVersion,
  workflowDecider,
  type Workflow,
  type WorkflowCommand,
  type WorkflowEvent,
  type WorkflowState,
} from '@kyc/workflow-domain';
import { AggregateRepository, type CommandOrigin, type Handled } from './aggregate-repository';
import { EventCodec } from './event-codec';
import type { CreateSessionInput, CreateSubsessionInput, SessionCommands } from './session-commands.port';

export type SessionRepository = AggregateRepository<SessionCommand, SessionEvent, SessionState>;
export type WorkflowRepository = AggregateRepository<WorkflowCommand, WorkflowEvent, WorkflowState>;

/**
 * The session service's use cases. Most are one command on one aggregate; the rest coordinate a few
 * (a subsession touches its parent and itself, a delete also erases personal data and documents).
 */
export class SessionApplication implements SessionCommands {
  readonly sessions: SessionRepository;
  readonly workflows: WorkflowRepository;

  constructor(
    store: EventStore,
    private readonly vault: PiiVault,
    private readonly documents: DocumentStorage,
    clock: () => Date = () => new Date(),
  ) {
    const codec = new EventCodec(vault);
    this.sessions = new AggregateRepository(store, codec, { decide, evolve, initialState }, 'session', clock);
    this.workflows = new AggregateRepository(store, codec, workflowDecider, 'workflow', clock);
  }

  /** The session if it exists, is not deleted and belongs to the tenant; otherwise null (the API says 404). */
  async findSession(tenantId: string, sessionId: string): Promise<Session | null> {
    const { state } = await this.sessions.load(sessionId);
    return state.exists && !state.deleted && state.tenant_id === tenantId ? state : null;
  }

  async findWorkflow(tenantId: string, workflowId: string): Promise<Workflow | null> {
    const { state } = await this.workflows.load(workflowId);
    return state.exists && state.tenant_id === tenantId ? state : null;
  }

  handleSession(sessionId: string, command: SessionCommand, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    return this.sessions.handle(sessionId, command, origin);
  }

  handleWorkflow(
    workflowId: string,
    command: WorkflowCommand,
    origin: CommandOrigin,
    options: { expectNew?: boolean } = {},
  ): Promise<Handled<WorkflowState, WorkflowEvent>> {
    return this.workflows.handle(workflowId, command, origin, options);
  }

  async createSession(input: CreateSessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    const workflow = await this.findWorkflow(origin.tenant_id, input.workflow_id);
    if (!workflow) throw new SessionDomainError('not_found', 'workflow not found', [{ field: 'workflow_id', issue: 'no such workflow' }]);
    if (workflow.archived) {
      throw new SessionDomainError('validation_failed', 'the workflow is archived', [
        { field: 'workflow_id', issue: 'is archived: it accepts no new sessions' },
      ]);
    }
    const sessionId = randomUUID();
    return this.sessions.handle(
      sessionId,
      {
        type: 'CreateSession',
        session_id: sessionId,
        tenant_id: origin.tenant_id,
        workflow: latestWorkflowVersion(workflow),
        ttl_days: input.ttl_days ?? null,
        metadata: input.metadata ?? {},
        customer_id: input.customer_id ?? null,
        priority: input.priority ?? 'medium',
        assigned_to: input.assigned_to ?? null,
        activate: input.activate ?? true,
        access_token: randomUUID(),
        parent: null,
      },
      origin,
      { expectNew: true },
    );
  }

  /**
   * A subsession is a full session on the workflow its parent's `subsessions` step names. The parent
   * reserves the slot first (it enforces the step's max and its own status), then the child is created;
   * if that fails the slot is released again.
   */
  async createSubsession(parentId: string, input: CreateSubsessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    const parent = await this.requireSession(origin.tenant_id, parentId);
    const step = parent.steps.find((s) => s.step_id === input.step_id)?.definition;
    if (!step || step.type !== 'subsessions') {
      throw new SessionDomainError('validation_failed', 'not a subsessions step', [
        { field: 'step_id', issue: 'must name a step of type subsessions in the workflow' },
      ]);
    }
    const subsessionId = randomUUID();
    await this.sessions.handle(
      parent.session_id,
      { type: 'AddSubsession', subsession_id: subsessionId, step_id: step.step_id, label: input.label, workflow_id: step.workflow_id },
      origin,
    );
    try {
      const workflow = await this.findWorkflow(parent.tenant_id, step.workflow_id);
      if (!workflow) throw new SessionDomainError('not_found', `the workflow of step ${step.step_id} no longer exists`);
      return await this.sessions.handle(
        subsessionId,
        {
          type: 'CreateSession',
          session_id: subsessionId,
          tenant_id: parent.tenant_id,
          workflow: latestWorkflowVersion(workflow),
          ttl_days: parent.ttl_days,
          metadata: input.metadata ?? {},
          customer_id: parent.customer_id,
          priority: parent.priority,
          assigned_to: parent.assigned_to,
          activate: true,
          access_token: randomUUID(),
          parent: { session_id: parent.session_id, step_id: step.step_id, label: input.label },
        },
        origin,
        { expectNew: true },
      );
    } catch (error) {
      await this.sessions.handle(parent.session_id, { type: 'RemoveSubsession', subsession_id: subsessionId }, origin);
      // The party never came to exist: its label, sealed with its own key in the parent's history, goes too.
      await this.vault.destroyKey(subsessionId);
      throw error;
    }
  }

  /** A new access token; the previous one stops working at once. A draft is activated by its first link. */
  async regenerateLink(sessionId: string, origin: CommandOrigin): Promise<{ session: Session; position: bigint | null }> {
    const result = await this.sessions.handle(sessionId, { type: 'GenerateLink', access_token: randomUUID() }, origin);
    if (!result.state.exists) throw new SessionDomainError('not_found', 'session not found');
    return { session: result.state, position: result.position };
  }

  /**
   * Deletes a session and its subsessions. The data key is destroyed first (crypto-shredding: personal data
   * in every stored event becomes unreadable) and the documents removed, then the deletion is recorded: if
   * anything fails half-way the session still exists, so the delete can simply be retried, whereas recording
   * first would answer 404 to the retry and leave the personal data behind. Returns the global position of
   * the last event appended, for read-your-writes.
   */
  async deleteSession(sessionId: string, origin: CommandOrigin): Promise<bigint | null> {
    return this.deleteLoaded(await this.requireSession(origin.tenant_id, sessionId), origin);
  }

  async deleteSubsession(parentId: string, subsessionId: string, origin: CommandOrigin): Promise<bigint | null> {
    const parent = await this.requireSession(origin.tenant_id, parentId);
    const { state } = await this.sessions.load(subsessionId);
    const removed = await this.sessions.handle(parent.session_id, { type: 'RemoveSubsession', subsession_id: subsessionId }, origin);
    if (state.exists && !state.deleted) return this.deleteLoaded(state, origin);
    return removed.position;
  }

  private async deleteLoaded(session: Session, origin: CommandOrigin): Promise<bigint | null> {
    for (const child of session.subsessions) {
      const { state } = await this.sessions.load(child.subsession_id);
      if (state.exists && !state.deleted) await this.deleteLoaded(state, origin);
    }
    await this.erase(session.session_id);
    const result = await this.sessions.handle(session.session_id, { type: 'DeleteSession' }, origin);
    return result.position;
  }

  private async requireSession(tenantId: string, sessionId: string): Promise<Session> {
    const session = await this.findSession(tenantId, sessionId);
    if (!session) throw new SessionDomainError('not_found', 'session not found');
    return session;
  }

  private async erase(sessionId: string): Promise<void> {
    await this.vault.destroyKey(sessionId);
    await this.documents.deletePrefix(`sessions/${sessionId}/`);
  }
}

export type { CommandOrigin, Handled };
