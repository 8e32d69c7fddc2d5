import type { ScreeningHit, Session, ValidationResults } from '@kyc/session-domain';

/** A hit as the API shows it: with whether a reviewer dismissed it (a dismissed hit does not count). */
export function presentHit(hit: ScreeningHit, session: Session) {
  return { ...hit, dismissed: hit.match_id in session.screening.dismissed };
}

/** The seed's `validation_results`, each check with its hits (null when the workflow does not enable it). */
export function presentValidationResults(results: ValidationResults, session: Session) {
  const { lists_check, crypto_check, adverse_media_check, validated_at } = results;
  return {
    lists_check: lists_check && { ...lists_check, matches: lists_check.matches.map((hit) => presentHit(hit, session)) },
    crypto_check: crypto_check && { ...crypto_check, matches: crypto_check.matches.map((hit) => presentHit(hit, session)) },
    adverse_media_check,
    validated_at,
  };
}
