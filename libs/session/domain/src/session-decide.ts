import type { CommandContext, SessionCommand } from './session-commands';
import { liveSession } from './session-decide.support';
import {
  decideCompleteStep,
  decideRemoveDocument,
  decideSaveForm,
  decideSkipStep,
  decideUploadDocument,
} from './session-end-user.decide';
import type { SessionEvent } from './session-events';
import {
  decideCreate,
  decideDelete,
  decideExpire,
  decideExtend,
  decideGenerateLink,
} from './session-lifecycle.decide';
import {
  decideRecordProcessingFailure,
  decideRecordProcessingResult,
  decideRequestProcessing,
} from './session-processing.decide';
import { decideRequestCorrections, decideUpdateReview } from './session-review.decide';
import {
  decideDismissMatch,
  decideRecordMonitoringHit,
  decideRecordValidation,
} from './session-screening.decide';
import type { SessionState } from './session-state';
import { decideAddSubsession, decideRemoveSubsession } from './session-subsessions.decide';

/**
 * Decides which events a command produces. A refused command throws `SessionDomainError` (see its codes);
 * any other exception is a bug. On an empty stream every command but CreateSession is `not_found`; after
 * SessionDeleted every command is `gone` (the API answers 404 for both).
 */
export function decide(
  command: SessionCommand,
  state: SessionState,
  context: CommandContext,
): SessionEvent[] {
  switch (command.type) {
    case 'CreateSession':
      return decideCreate(command, state, context);
    case 'GenerateLink':
      return decideGenerateLink(command, liveSession(state));
    case 'ExtendSession':
      return decideExtend(command, liveSession(state), context);
    case 'ExpireSession':
      return decideExpire(liveSession(state), context);
    case 'SaveForm':
      return decideSaveForm(command, state, context);
    case 'UploadDocument':
      return decideUploadDocument(command, state, context);
    case 'RemoveDocument':
      return decideRemoveDocument(command, state, context);
    case 'CompleteStep':
      return decideCompleteStep(command, state, context);
    case 'SkipStep':
      return decideSkipStep(command, state, context);
    case 'RequestCorrections':
      return decideRequestCorrections(command, liveSession(state));
    case 'UpdateReview':
      return decideUpdateReview(command, liveSession(state), context);
    case 'AddSubsession':
      return decideAddSubsession(command, state, context);
    case 'RemoveSubsession':
      return decideRemoveSubsession(command, liveSession(state));
    case 'DeleteSession':
      liveSession(state);
      return decideDelete();
    case 'RequestProcessing':
      return decideRequestProcessing(liveSession(state));
    case 'RecordProcessingResult':
      return decideRecordProcessingResult(command, liveSession(state));
    case 'RecordProcessingFailure':
      return decideRecordProcessingFailure(command, liveSession(state));
    case 'RecordValidation':
      return decideRecordValidation(command, liveSession(state));
    case 'DismissMatch':
      return decideDismissMatch(command, liveSession(state));
    case 'RecordMonitoringHit':
      return decideRecordMonitoringHit(command, liveSession(state));
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled session command ${JSON.stringify(unhandled)}`);
    }
  }
}
