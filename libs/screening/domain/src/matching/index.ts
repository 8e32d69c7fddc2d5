export { NameScreeningIndex, type NameScreeningIndexOptions } from './name-screening-index';
export {
  type ScreeningMatch,
  type ScreeningQuery,
  MAX_NAME_LENGTH,
  DEFAULT_LIMIT,
  MAX_LIMIT,
} from './screening-query';
export { DEFAULT_MATCH_THRESHOLD } from './scoring-constants';
export { InvalidScreeningQueryError } from './invalid-screening-query.error';
export { compareNames } from './compare-names';
export { normalizeName } from './normalize-name';
export type {
  MatchExplanation,
  NameExplanation,
  MatchedTokenExplanation,
  BirthYearExplanation,
  CountryExplanation,
  TypeExplanation,
  EvidenceEffect,
} from './match-explanation';
export type { MatchKind } from './token-similarity';
