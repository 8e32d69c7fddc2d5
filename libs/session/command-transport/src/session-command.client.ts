import { ClientTCP } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  SessionServiceUnavailableError,
  type CommandOrigin,
  type CreateSessionInput,
  type CreateSubsessionInput,
  type Handled,
  type SessionCommands,
} from '@kyc/session-application';
import type { Session, SessionCommand, SessionEvent, SessionState } from '@kyc/session-domain';
import type { WorkflowCommand, WorkflowEvent, WorkflowState } from '@kyc/workflow-domain';
import {
  decodeError,
  decodeResult,
  SESSION_COMMAND_PATTERN,
  type CommandOperation,
  type CommandReply,
  type CommandRequest,
} from './command-wire';

export interface RemoteSessionCommandsOptions {
  host: string;
  port: number;
  /** How long a command may take, connection included, before the caller is told it timed out. */
  timeoutMs: number;
}

/**
 * SessionCommands answered by the session service over the NestJS TCP transport (request/reply). The
 * connection is opened on first use and again after it drops, so a restarted session service is picked
 * up by the next command; commands sent while it is away fail fast as `unreachable`.
 */
export class RemoteSessionCommands implements SessionCommands {
  private client: ClientTCP;

  constructor(private readonly options: RemoteSessionCommandsOptions) {
    this.client = this.newClient();
  }

  handleSession(sessionId: string, command: SessionCommand, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    return this.call('handleSession', [sessionId, command, origin]);
  }

  handleWorkflow(
    workflowId: string,
    command: WorkflowCommand,
    origin: CommandOrigin,
    options?: { expectNew?: boolean },
  ): Promise<Handled<WorkflowState, WorkflowEvent>> {
    return this.call('handleWorkflow', [workflowId, command, origin, options]);
  }

  createSession(input: CreateSessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    return this.call('createSession', [input, origin]);
  }

  createSubsession(parentId: string, input: CreateSubsessionInput, origin: CommandOrigin): Promise<Handled<SessionState, SessionEvent>> {
    return this.call('createSubsession', [parentId, input, origin]);
  }

  regenerateLink(sessionId: string, origin: CommandOrigin): Promise<{ session: Session; position: bigint | null }> {
    return this.call('regenerateLink', [sessionId, origin]);
  }

  deleteSession(sessionId: string, origin: CommandOrigin): Promise<bigint | null> {
    return this.call('deleteSession', [sessionId, origin]);
  }

  deleteSubsession(parentId: string, subsessionId: string, origin: CommandOrigin): Promise<bigint | null> {
    return this.call('deleteSubsession', [parentId, subsessionId, origin]);
  }

  /** Resolves once a connection to the session service is open (readiness). */
  async ping(): Promise<void> {
    await this.client.connect().catch((error: unknown) => {
      throw this.unreachable(error);
    });
  }

  close(): void {
    this.client.close();
  }

  /**
   * A connection that failed is dropped with its client: the late 'close' of a dead socket must not tear
   * down the next connection, which a reused client would let it do.
   */
  private unreachable(error: unknown): SessionServiceUnavailableError {
    this.client.close();
    this.client = this.newClient();
    return new SessionServiceUnavailableError('unreachable', `session service at ${this.address}: ${messageOf(error)}`);
  }

  private newClient(): ClientTCP {
    return new ClientTCP({ host: this.options.host, port: this.options.port });
  }

  private get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  private async call<Op extends CommandOperation, Result>(op: Op, args: CommandRequest<Op>['args']): Promise<Result> {
    let reply: CommandReply;
    try {
      reply = await firstValueFrom(
        this.client
          .send<CommandReply, CommandRequest<Op>>(SESSION_COMMAND_PATTERN, { op, args })
          .pipe(timeout({ first: this.options.timeoutMs })),
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new SessionServiceUnavailableError('timeout', `the session service at ${this.address} did not answer within ${this.options.timeoutMs} ms`);
      }
      throw this.unreachable(error);
    }
    if (!reply.ok) throw decodeError(reply.error);
    return decodeResult(op, reply.value) as Result;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
