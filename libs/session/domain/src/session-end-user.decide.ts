import { validateFieldValue, type FormStep, type ValidationProblem } from '@kyc/workflow-domain';
import type { CommandContext } from './session-commands';
import { foldAt, liveSession, stepOf, type CommandOf } from './session-decide.support';
import { alreadyExists, invalidTransition, notFound, validationFailed } from './session-errors';
import type { SessionEvent } from './session-events';
import { processingRequested } from './session-processing.decide';
import {
  endUserAccessError,
  isFlowComplete,
  isStepEditableByEndUser,
  openCorrections,
} from './session-rules';
import type { Session, SessionState, SessionStep } from './session-state';

/**
 * The end user's session and step, or the reason they may not touch it: link_expired, invalid_transition for
 * a status they do not control, and, while corrections are pending, for a step that needs none.
 */
export function endUserStep(state: SessionState, stepId: string, context: CommandContext) {
  const session = liveSession(state);
  const refusal = endUserAccessError(session, context.now);
  if (refusal) throw refusal;
  const step = stepOf(session, stepId);
  if (!isStepEditableByEndUser(session, step)) {
    throw invalidTransition(
      `step ${stepId} needs no correction: only steps under correction can be changed now`,
    );
  }
  return { session, step };
}

/** Any change by the end user puts the step in progress: first edit, correction, or reopening a done step. */
export function startedIfNeeded(step: SessionStep): SessionEvent[] {
  return step.status === 'in_progress' ? [] : [{ type: 'StepStarted', data: { step_id: step.step_id } }];
}

export function decideSaveForm(
  command: CommandOf<'SaveForm'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const { step } = endUserStep(state, command.step_id, context);
  const definition = step.definition;
  if (definition.type !== 'form') {
    throw validationFailed([
      { field: 'step_id', issue: `step ${step.step_id} is a ${definition.type} step, not a form` },
    ]);
  }
  const values: Record<string, unknown> = { ...step.form_values };
  const problems: ValidationProblem[] = [];
  for (const [fieldId, value] of Object.entries(command.values)) {
    const field = definition.fields.find((candidate) => candidate.field_id === fieldId);
    if (!field) {
      problems.push({ field: `values.${fieldId}`, issue: `the form has no field "${fieldId}"` });
    } else if (value === null || value === undefined) {
      // null clears a value the end user no longer wants to give.
      delete values[fieldId];
    } else {
      const result = validateFieldValue(field, value);
      if (result.ok) values[fieldId] = result.value;
      else problems.push({ field: `values.${fieldId}`, issue: result.issue });
    }
  }
  if (problems.length > 0) throw validationFailed(problems, 'some form values are invalid');
  return [...startedIfNeeded(step), { type: 'FormSubmitted', data: { step_id: step.step_id, values } }];
}

/** A selfie step holds one photo: a new upload replaces the previous one. */
export function decideUploadDocument(
  command: CommandOf<'UploadDocument'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const { session, step } = endUserStep(state, command.step_id, context);
  const definition = step.definition;
  const allowed =
    definition.type === 'document'
      ? definition.document_types
      : definition.type === 'selfie'
        ? ['selfie']
        : null;
  if (!allowed) {
    throw validationFailed([
      { field: 'step_id', issue: `step ${step.step_id} is a ${definition.type} step: it takes no documents` },
    ]);
  }
  if (!allowed.includes(command.document_type)) {
    throw validationFailed([{ field: 'document_type', issue: `must be one of: ${allowed.join(', ')}` }]);
  }
  if (!Number.isInteger(command.size) || command.size <= 0) {
    throw validationFailed([{ field: 'size', issue: 'must be a positive number of bytes' }]);
  }
  if (
    session.steps.some((candidate) =>
      candidate.documents.some((document) => document.doc_id === command.doc_id),
    )
  ) {
    throw alreadyExists(`document ${command.doc_id} already exists`);
  }
  const { type: _type, ...data } = command;
  const replaced: SessionEvent[] =
    definition.type === 'selfie'
      ? step.documents.map((document) => ({
          type: 'DocumentRemoved',
          data: { step_id: step.step_id, doc_id: document.doc_id },
        }))
      : [];
  return [...startedIfNeeded(step), ...replaced, { type: 'DocumentUploaded', data }];
}

export function decideRemoveDocument(
  command: CommandOf<'RemoveDocument'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const { step } = endUserStep(state, command.step_id, context);
  if (!step.documents.some((document) => document.doc_id === command.doc_id)) {
    throw notFound(`step ${step.step_id} has no document ${command.doc_id}`);
  }
  return [
    ...startedIfNeeded(step),
    { type: 'DocumentRemoved', data: { step_id: step.step_id, doc_id: command.doc_id } },
  ];
}

export function decideCompleteStep(
  command: CommandOf<'CompleteStep'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const { session, step } = endUserStep(state, command.step_id, context);
  if (step.status === 'completed') throw invalidTransition(`step ${step.step_id} is already completed`);
  const missing = [...missingForCompletion(session, step), ...missingForCorrections(step)];
  if (missing.length > 0) throw validationFailed(missing, `step ${step.step_id} is not complete`);
  const events: SessionEvent[] = [
    { type: 'StepCompleted', data: { step_id: step.step_id } },
    ...openCorrections(step).map((correction): SessionEvent => ({
      type: 'CorrectionResolved',
      data: { correction_id: correction.id, step_id: step.step_id },
    })),
  ];
  return withSessionCompletion(session, events, context.now);
}

export function decideSkipStep(
  command: CommandOf<'SkipStep'>,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  const { session, step } = endUserStep(state, command.step_id, context);
  if (!step.definition.optional)
    throw invalidTransition(`step ${step.step_id} is required: it cannot be skipped`);
  if (openCorrections(step).length > 0) {
    throw invalidTransition(`step ${step.step_id} has corrections to make: it cannot be skipped`);
  }
  if (step.status === 'completed' || step.status === 'skipped') {
    throw invalidTransition(`step ${step.step_id} is already ${step.status}`);
  }
  return withSessionCompletion(
    session,
    [{ type: 'StepSkipped', data: { step_id: step.step_id } }],
    context.now,
  );
}

/**
 * Appends SessionCompleted when these events finish the end user's flow, and starts processing at once when
 * the workflow processes automatically.
 */
function withSessionCompletion(session: Session, events: SessionEvent[], now: string): SessionEvent[] {
  const after = foldAt(session, events, now);
  if (!isFlowComplete(after.steps)) return events;
  const completed: SessionEvent = { type: 'SessionCompleted', data: {} };
  if (!session.auto_process) return [...events, completed];
  return [...events, completed, processingRequested(foldAt(after, [completed], now))];
}

function missingForCompletion(session: Session, step: SessionStep): ValidationProblem[] {
  const definition = step.definition;
  switch (definition.type) {
    case 'form':
      return missingFormValues(definition, step);
    case 'document':
      return step.documents.length > 0 ? [] : [{ field: 'documents', issue: 'upload at least one document' }];
    case 'selfie':
      return step.documents.length === 1 ? [] : [{ field: 'documents', issue: 'upload a selfie' }];
    case 'subsessions': {
      const count = session.subsessions.filter((link) => link.step_id === step.step_id).length;
      return count >= definition.min
        ? []
        : [{ field: 'subsessions', issue: `add at least ${definition.min} (${count} so far)` }];
    }
    default: {
      const unknownStep: never = definition;
      throw new Error(`unhandled step type ${JSON.stringify(unknownStep)}`);
    }
  }
}

function missingFormValues(definition: FormStep, step: SessionStep): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const field of definition.fields) {
    const value = step.form_values[field.field_id];
    const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (blank) {
      if (field.required) problems.push({ field: `values.${field.field_id}`, issue: 'is required' });
      continue;
    }
    const result = validateFieldValue(field, value);
    if (!result.ok) problems.push({ field: `values.${field.field_id}`, issue: result.issue });
  }
  return problems;
}

/** A correction is answered by a new upload of each named document type and a new save of named fields. */
function missingForCorrections(step: SessionStep): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const correction of openCorrections(step)) {
    for (const documentType of correction.document_types) {
      const replaced = step.documents.some(
        (document) =>
          document.document_type === documentType && document.uploaded_version > correction.requested_version,
      );
      if (!replaced) {
        problems.push({
          field: `documents.${documentType}`,
          issue: `upload a new ${documentType} document (correction ${correction.id})`,
        });
      }
    }
    if (correction.field_ids.length > 0 && step.form_saved_version <= correction.requested_version) {
      for (const fieldId of correction.field_ids) {
        problems.push({
          field: `values.${fieldId}`,
          issue: `save a corrected value (correction ${correction.id})`,
        });
      }
    }
  }
  return problems;
}
