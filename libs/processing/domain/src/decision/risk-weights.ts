/**
 * What each finding weighs in the risk score, as the score it would give on its own (0-100). Findings combine
 * as independent evidence (see `combineRisk`), so a weight is also the finding's share of the score when it
 * is the only one, and a finding repeated (two unreadable documents, three warnings) counts once per
 * occurrence. The weights order the findings by how strongly each suggests that the person is not who they
 * claim or must not be onboarded; whether a finding alone stops approval is the workflow's rule, not its
 * weight.
 */
export const DECISION_RISK_WEIGHTS = {
  /** A standing sanctions or watch list hit: high on its own (the default high level starts at 70). */
  list_match: 70,
  /** A wallet on a sanctions list is an exact identifier, as strong as a name hit at least. */
  crypto_match: 70,
  /** The selfie is someone else: the strongest sign of impersonation the documents give. */
  face_mismatch: 60,
  /** The identity rests on a document no longer valid. */
  document_expired: 40,
  /** The document disagrees with the form or with another document: a different person, or a forgery. */
  cross_validation_error: 35,
  /** A zone whose check digits fail is forged, altered or misread: nothing read from it can be trusted. */
  check_digits_failed: 30,
  /** Nothing could be read: the identity is unverified rather than contradicted. */
  document_unreadable: 25,
  /** The faces are close but not close enough: as likely an old photo as another person. */
  face_inconclusive: 25,
  /** No usable face: mostly a bad picture, sometimes a deliberate one. */
  face_not_found: 20,
  /** A website that does not validate says little about the person. */
  web_invalid: 10,
  /** A small difference (transliteration, a missing middle name) that honest customers produce too. */
  cross_validation_warning: 5,
} as const;

/**
 * The share of the adverse media check's own risk_score (0-100) the finding weighs: 0.6 keeps every CLEAR
 * result (below the provider's review threshold of 50) under the default approval threshold of 30, and puts a
 * REVIEW result from 50 upwards into the flagged band.
 */
export const ADVERSE_MEDIA_RISK_SHARE = 0.6;
