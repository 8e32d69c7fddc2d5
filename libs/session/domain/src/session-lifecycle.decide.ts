import type { ValidationProblem } from '@kyc/workflow-domain';
import type { CommandContext } from './session-commands';
import { isIntegerInRange, type CommandOf } from './session-decide.support';
import { alreadyExists, invalidTransition, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import type { Session, SessionState } from './session-state';
import { isPastExpiry, SECONDS_PER_DAY, toUnixSeconds } from './session-time';
import type { SessionStatus } from './session-values';

export const SESSION_LIMITS = {
  minTtlDays: 1,
  maxTtlDays: 90,
  minExtendDays: 1,
  maxExtendDays: 90,
  /** Bytes of the metadata object serialised as JSON (UTF-8). */
  maxMetadataBytes: 16 * 1024,
} as const;

const EXPIRABLE: readonly SessionStatus[] = ['draft', 'active', 'awaiting_client_correction'];

export function decideCreate(
  command: CommandOf<'CreateSession'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  if (state.exists) throw alreadyExists(`session ${command.session_id} already exists`);
  const { workflow } = command;
  const ttl_days = command.ttl_days ?? workflow.default_ttl_days;
  const problems: ValidationProblem[] = [];
  if (!isIntegerInRange(ttl_days, SESSION_LIMITS.minTtlDays, SESSION_LIMITS.maxTtlDays)) {
    problems.push({
      field: 'ttl_days',
      issue: `must be an integer between ${SESSION_LIMITS.minTtlDays} and ${SESSION_LIMITS.maxTtlDays}`,
    });
  }
  if (new TextEncoder().encode(JSON.stringify(command.metadata)).length > SESSION_LIMITS.maxMetadataBytes) {
    problems.push({
      field: 'metadata',
      issue: `must be at most ${SESSION_LIMITS.maxMetadataBytes} bytes as JSON`,
    });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return [
    {
      type: 'SessionCreated',
      data: {
        session_id: command.session_id,
        tenant_id: command.tenant_id,
        workflow_id: workflow.workflow_id,
        workflow_version: workflow.version,
        workflow_name: workflow.name,
        steps: workflow.steps,
        custom_tags: workflow.custom_tags,
        auto_process: workflow.auto_process,
        metadata: command.metadata,
        customer_id: command.customer_id,
        priority: command.priority,
        assigned_to: command.assigned_to,
        ttl_days,
        expires_at: toUnixSeconds(context.now) + ttl_days * SECONDS_PER_DAY,
        status: command.activate ? 'active' : 'draft',
        access_token: command.access_token,
        parent: command.parent,
      },
    },
  ];
}

/**
 * A draft is activated by its first link. In every other live status the token is simply replaced (the old
 * one stops working): reviewers resend links to sessions under review too, e.g. before asking for
 * corrections. An expired session is refused: its new link would be dead on arrival, so it must be
 * extended first (which keeps the current token working).
 */
export function decideGenerateLink(command: CommandOf<'GenerateLink'>, session: Session): SessionEvent[] {
  if (session.status === 'expired') {
    throw invalidTransition('the session has expired: extend it before generating a new link');
  }
  const regenerated: SessionEvent = {
    type: 'AccessLinkRegenerated',
    data: { access_token: command.access_token, expires_at: session.expires_at },
  };
  return session.status === 'draft' ? [{ type: 'SessionActivated', data: {} }, regenerated] : [regenerated];
}

/**
 * Adds days to whichever is later, now or the current expiry, so that extending a long-expired session gives
 * the end user the full extension. An expired session returns to the status it had before it expired.
 */
export function decideExtend(
  command: CommandOf<'ExtendSession'>,
  session: Session,
  context: CommandContext,
): SessionEvent[] {
  const { extend_days } = command;
  if (!isIntegerInRange(extend_days, SESSION_LIMITS.minExtendDays, SESSION_LIMITS.maxExtendDays)) {
    throw validationFailed([
      {
        field: 'extend_days',
        issue: `must be an integer between ${SESSION_LIMITS.minExtendDays} and ${SESSION_LIMITS.maxExtendDays}`,
      },
    ]);
  }
  const expires_at = Math.max(toUnixSeconds(context.now), session.expires_at) + extend_days * SECONDS_PER_DAY;
  const restored_status = session.status === 'expired' ? (session.status_before_expiry ?? 'active') : null;
  return [
    { type: 'SessionExtended', data: { extend_days, expires_at, comment: command.comment, restored_status } },
  ];
}

export function decideExpire(session: Session, context: CommandContext): SessionEvent[] {
  if (!EXPIRABLE.includes(session.status)) {
    throw invalidTransition(`a ${session.status} session does not expire`);
  }
  if (!isPastExpiry(session.expires_at, context.now)) {
    throw invalidTransition(
      `the session is valid until ${new Date(session.expires_at * 1000).toISOString()}`,
    );
  }
  return [{ type: 'SessionExpired', data: { previous_status: session.status } }];
}

export function decideDelete(): SessionEvent[] {
  return [{ type: 'SessionDeleted', data: {} }];
}
