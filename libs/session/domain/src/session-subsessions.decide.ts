import type { CommandContext } from './session-commands';
import { liveSession, stepOf, type CommandOf } from './session-decide.support';
import { endUserStep, startedIfNeeded } from './session-end-user.decide';
import { alreadyExists, invalidTransition, notFound, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import type { Session, SessionState, SessionStep } from './session-state';
import type { SessionStatus } from './session-values';

/** While the session still collects data, the tenant may add related parties itself. */
const TENANT_SUBSESSION_STATUSES: readonly SessionStatus[] = [
  'draft',
  'active',
  'awaiting_client_correction',
];

/**
 * The end user adds subsessions under the end-user rules (the step is reopened like any edit); the tenant's
 * API may also add them to a draft, and never touches step statuses.
 */
export function decideAddSubsession(
  command: CommandOf<'AddSubsession'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const byEndUser = context.actor?.type === 'end_user';
  let session: Session;
  let step: SessionStep;
  if (byEndUser) {
    ({ session, step } = endUserStep(state, command.step_id, context));
  } else {
    session = liveSession(state);
    if (!TENANT_SUBSESSION_STATUSES.includes(session.status)) {
      throw invalidTransition(`subsessions cannot be added to a ${session.status} session`);
    }
    step = stepOf(session, command.step_id);
  }
  const definition = step.definition;
  if (definition.type !== 'subsessions') {
    throw validationFailed([
      {
        field: 'step_id',
        issue: `step ${step.step_id} is a ${definition.type} step, not a subsessions step`,
      },
    ]);
  }
  if (command.workflow_id !== definition.workflow_id) {
    throw validationFailed([
      { field: 'workflow_id', issue: `step ${step.step_id} uses workflow ${definition.workflow_id}` },
    ]);
  }
  if (command.label.trim().length === 0)
    throw validationFailed([{ field: 'label', issue: 'must not be empty' }]);
  if (session.subsessions.some((link) => link.subsession_id === command.subsession_id)) {
    throw alreadyExists(`subsession ${command.subsession_id} already exists`);
  }
  const count = session.subsessions.filter((link) => link.step_id === step.step_id).length;
  if (count >= definition.max) {
    throw validationFailed([
      { field: 'step_id', issue: `step ${step.step_id} takes at most ${definition.max} subsessions` },
    ]);
  }
  const { type: _type, ...data } = command;
  return [...(byEndUser ? startedIfNeeded(step) : []), { type: 'SubsessionCreated', data }];
}

export function decideRemoveSubsession(
  command: CommandOf<'RemoveSubsession'>,
  session: Session,
): SessionEvent[] {
  if (!session.subsessions.some((link) => link.subsession_id === command.subsession_id)) {
    throw notFound(`subsession ${command.subsession_id} not found`);
  }
  return [{ type: 'SubsessionRemoved', data: { subsession_id: command.subsession_id } }];
}
