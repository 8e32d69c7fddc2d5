import type { ValidationProblem } from '@kyc/workflow-domain';
import type { CommandContext } from './session-commands';
import type { CommandOf } from './session-decide.support';
import { invalidTransition, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import type { Session } from './session-state';
import { isPastExpiry, SECONDS_PER_DAY, toUnixSeconds } from './session-time';
import type { SessionStatus } from './session-values';

/** Statuses a reviewer may send back to the end user for corrections. */
export const CORRECTABLE_STATUSES: readonly SessionStatus[] = [
  'completed',
  'processed',
  'manual_review',
  'approved',
  'rejected',
];

type ReviewStatus = NonNullable<CommandOf<'UpdateReview'>['status']>;

/** The reviewer's status changes (PATCH), from API.md's status machine. Reactivation is handled apart. */
const REVIEW_TRANSITIONS: Partial<Record<SessionStatus, readonly ReviewStatus[]>> = {
  completed: ['approved', 'rejected', 'manual_review'],
  processed: ['approved', 'rejected', 'manual_review'],
  manual_review: ['approved', 'rejected'],
  approved: ['manual_review'],
  rejected: ['manual_review'],
};

export function decideRequestCorrections(
  command: CommandOf<'RequestCorrections'>,
  session: Session,
): SessionEvent[] {
  if (!CORRECTABLE_STATUSES.includes(session.status)) {
    throw invalidTransition(`corrections cannot be requested for a ${session.status} session`);
  }
  const problems = correctionProblems(command, session);
  if (problems.length > 0) throw validationFailed(problems, 'some corrections are invalid');
  return [
    {
      type: 'CorrectionRequested',
      data: { corrections: command.corrections, comment: command.comment, previous_status: session.status },
    },
  ];
}

function correctionProblems(command: CommandOf<'RequestCorrections'>, session: Session): ValidationProblem[] {
  if (command.corrections.length === 0) {
    return [{ field: 'corrections', issue: 'must contain at least one correction' }];
  }
  const problems: ValidationProblem[] = [];
  const knownIds = new Set(
    session.steps.flatMap((step) => step.corrections.map((correction) => correction.id)),
  );
  command.corrections.forEach((correction, index) => {
    const path = `corrections[${index}]`;
    if (knownIds.has(correction.id))
      problems.push({ field: `${path}.id`, issue: `duplicates correction ${correction.id}` });
    knownIds.add(correction.id);
    if (correction.message.trim().length === 0)
      problems.push({ field: `${path}.message`, issue: 'must not be empty' });
    const step = session.steps.find((candidate) => candidate.step_id === correction.step_id);
    if (!step) {
      problems.push({ field: `${path}.step_id`, issue: `the workflow has no step "${correction.step_id}"` });
      return;
    }
    const definition = step.definition;
    const fieldIds = definition.type === 'form' ? definition.fields.map((field) => field.field_id) : [];
    correction.field_ids.forEach((fieldId, fieldIndex) => {
      if (!fieldIds.includes(fieldId)) {
        problems.push({
          field: `${path}.field_ids[${fieldIndex}]`,
          issue: `step ${step.step_id} has no field "${fieldId}"`,
        });
      }
    });
    const documentTypes: readonly string[] =
      definition.type === 'document'
        ? definition.document_types
        : definition.type === 'selfie'
          ? ['selfie']
          : [];
    correction.document_types.forEach((documentType, typeIndex) => {
      if (!documentTypes.includes(documentType)) {
        problems.push({
          field: `${path}.document_types[${typeIndex}]`,
          issue: `step ${step.step_id} does not take ${documentType} documents`,
        });
      }
    });
  });
  return problems;
}

/**
 * PATCH. A status change is one StatusChanged carrying the notes; assignment and priority changes follow as
 * ReviewUpdated. Without a status, only what actually changes is recorded (an identical PATCH records
 * nothing).
 *
 * Reactivating an expired session restores the status it had before it expired, as extend does. An expired
 * session is always past its expires_at (that is what expiry requires, and only extend moves it), so a
 * reactivation that kept the old expiry would hand the end user a dead link: it also grants the session's own
 * TTL again from now, recorded as a SessionExtended after the StatusChanged.
 */
export function decideUpdateReview(
  command: CommandOf<'UpdateReview'>,
  session: Session,
  context: CommandContext,
): SessionEvent[] {
  const triage = triageChanges(command, session);
  if (command.status === undefined) {
    const changes = {
      ...triage,
      ...(command.notes === undefined || command.notes === session.notes ? {} : { notes: command.notes }),
    };
    return Object.keys(changes).length === 0 ? [] : [{ type: 'ReviewUpdated', data: changes }];
  }
  const to = targetStatus(command.status, session);
  const events: SessionEvent[] = [
    { type: 'StatusChanged', data: { from: session.status, to, notes: command.notes ?? null } },
  ];
  if (session.status === 'expired' && isPastExpiry(session.expires_at, context.now)) {
    events.push(renewedTtl(session, context));
  }
  if (Object.keys(triage).length > 0) events.push({ type: 'ReviewUpdated', data: triage });
  return events;
}

function renewedTtl(session: Session, context: CommandContext): SessionEvent {
  return {
    type: 'SessionExtended',
    data: {
      extend_days: session.ttl_days,
      expires_at: toUnixSeconds(context.now) + session.ttl_days * SECONDS_PER_DAY,
      comment: null,
      restored_status: null,
    },
  };
}

function targetStatus(requested: ReviewStatus, session: Session): SessionStatus {
  const from = session.status;
  if (requested === from) throw invalidTransition(`the session is already ${from}`);
  if (requested === 'active') {
    if (from !== 'expired')
      throw invalidTransition(`only an expired session can be reactivated, not a ${from} one`);
    return session.status_before_expiry ?? 'active';
  }
  if (!(REVIEW_TRANSITIONS[from] ?? []).includes(requested)) {
    throw invalidTransition(`a ${from} session cannot become ${requested}`);
  }
  return requested;
}

function triageChanges(command: CommandOf<'UpdateReview'>, session: Session) {
  return {
    ...(command.assigned_to === undefined || command.assigned_to === session.assigned_to
      ? {}
      : { assigned_to: command.assigned_to }),
    ...(command.priority === undefined || command.priority === session.priority
      ? {}
      : { priority: command.priority }),
  };
}
