import { VersionConflictError, type ExpectedVersion } from '@kyc/event-store';
import { SessionServiceUnavailableError, type Handled, type SessionCommands } from '@kyc/session-application';
import { SessionDomainError, type SessionErrorCode } from '@kyc/session-domain';
import { WorkflowDomainError, type ValidationProblem, type WorkflowErrorCode } from '@kyc/workflow-domain';

/**
 * What travels between the gateway and the session service: one message pattern, versioned, carrying the
 * name of a SessionCommands operation and its arguments; the answer is a value or an error as data. The
 * transport's JSON cannot hold bigint, so global positions travel as decimal strings.
 */
export const SESSION_COMMAND_PATTERN = 'kyc.session-commands.v1';

export type CommandOperation = keyof SessionCommands;

export interface CommandRequest<Op extends CommandOperation = CommandOperation> {
  op: Op;
  args: Parameters<SessionCommands[Op]>;
}

export type WireError =
  | { kind: 'session_domain'; code: SessionErrorCode; message: string; details: ValidationProblem[] }
  | { kind: 'workflow_domain'; code: WorkflowErrorCode; message: string; details: ValidationProblem[] }
  | { kind: 'version_conflict'; stream_id: string; expected: ExpectedVersion; actual: number }
  | { kind: 'shutting_down'; message: string }
  | { kind: 'internal'; message: string };

export type CommandReply = { ok: true; value: unknown } | { ok: false; error: WireError };

type WirePosition = string | null;
type WireHandled = Omit<Handled<unknown, unknown>, 'position'> & { position: WirePosition };

const toWirePosition = (position: bigint | null): WirePosition => (position === null ? null : position.toString());
const fromWirePosition = (position: WirePosition): bigint | null => (position === null ? null : BigInt(position));

/** How each operation's result is written to and read from the wire. */
const RESULT_CODECS: Record<CommandOperation, { encode(value: unknown): unknown; decode(wire: unknown): unknown }> = {
  handleSession: handledCodec(),
  handleWorkflow: handledCodec(),
  createSession: handledCodec(),
  createSubsession: handledCodec(),
  regenerateLink: {
    encode: (value) => {
      const { session, position } = value as { session: unknown; position: bigint | null };
      return { session, position: toWirePosition(position) };
    },
    decode: (wire) => {
      const { session, position } = wire as { session: unknown; position: WirePosition };
      return { session, position: fromWirePosition(position) };
    },
  },
  deleteSession: positionCodec(),
  deleteSubsession: positionCodec(),
};

function handledCodec() {
  return {
    encode: (value: unknown): WireHandled => {
      const handled = value as Handled<unknown, unknown>;
      return { ...handled, position: toWirePosition(handled.position) };
    },
    decode: (wire: unknown): Handled<unknown, unknown> => {
      const handled = wire as WireHandled;
      return { ...handled, position: fromWirePosition(handled.position) };
    },
  };
}

function positionCodec() {
  return {
    encode: (value: unknown) => toWirePosition(value as bigint | null),
    decode: (wire: unknown) => fromWirePosition(wire as WirePosition),
  };
}

export const COMMAND_OPERATIONS = Object.keys(RESULT_CODECS) as CommandOperation[];

export function isCommandOperation(op: unknown): op is CommandOperation {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(RESULT_CODECS, op);
}

export function encodeResult(op: CommandOperation, value: unknown): CommandReply {
  return { ok: true, value: RESULT_CODECS[op].encode(value) };
}

export function decodeResult(op: CommandOperation, wire: unknown): unknown {
  return RESULT_CODECS[op].decode(wire);
}

/** Refusals keep their class across the wire; anything else is a fault the caller sees as internal. */
export function encodeError(error: unknown): WireError {
  if (error instanceof SessionDomainError) {
    return { kind: 'session_domain', code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof WorkflowDomainError) {
    return { kind: 'workflow_domain', code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof VersionConflictError) {
    return { kind: 'version_conflict', stream_id: error.streamId, expected: error.expected, actual: error.actual };
  }
  if (error instanceof SessionServiceUnavailableError) return { kind: 'shutting_down', message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function decodeError(wire: WireError): Error {
  switch (wire.kind) {
    case 'session_domain':
      return new SessionDomainError(wire.code, wire.message, wire.details);
    case 'workflow_domain':
      return new WorkflowDomainError(wire.code, wire.message, wire.details);
    case 'version_conflict':
      return new VersionConflictError(wire.stream_id, wire.expected, wire.actual);
    case 'shutting_down':
      return new SessionServiceUnavailableError('shutting_down', wire.message);
    case 'internal':
      return new Error(`the session service failed: ${wire.message}`);
  }
}
