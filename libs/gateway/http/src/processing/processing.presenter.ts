import type { ProcessingResults, Session } from '@kyc/session-domain';
import { presentHit } from '../screening/validation.presenter';

/** The seed's `processing_results`, the screening hits with whether a reviewer dismissed them. */
export function presentProcessingResults(results: ProcessingResults, session: Session) {
  const { lists_check, crypto_check, adverse_media_check } = results.external_validations;
  return {
    ...results,
    external_validations: {
      lists_check: lists_check && { ...lists_check, matches: lists_check.matches.map((hit) => presentHit(hit, session)) },
      crypto_check: crypto_check && { ...crypto_check, matches: crypto_check.matches.map((hit) => presentHit(hit, session)) },
      adverse_media_check,
    },
  };
}

/** Where the session's processing stands: the run in flight, or how the last one ended. */
export function presentProcessingState(session: Session) {
  const { in_flight, last } = session.processing;
  if (in_flight !== null) return { status: 'processing' as const, run: in_flight };
  if (!last) return null;
  return last.status === 'completed'
    ? { status: 'completed' as const, run: last.run, finished_at: last.finished_at }
    : { status: 'failed' as const, run: last.run, finished_at: last.finished_at, error: last.failure };
}
