import type { TokenClass } from './name-parts/name-token';

/** What a token of each non-identifying class weighs next to a fully distinctive name token (1). */
const CLASS_WEIGHTS: Record<Exclude<TokenClass, 'name' | 'patronymic'>, number> = {
  number: 1.2,
  initial: 0.35,
  particle: 0.2,
  title: 0.1,
  connector: 0.1,
  legal: 0.15,
};
/** Patronymics are derived from common given names and shared by many unrelated people. */
const PATRONYMIC_FACTOR = 0.6;
const MIN_INFORMATIVENESS = 0.3;

/**
 * How much a name token identifies, from the number of listed entities that use it (inverse document
 * frequency, scaled so a token unique to one entity weighs 1 and one on every entity 0.3). Without statistics
 * (`entityCount` 0) every name token weighs 1.
 */
function informativeness(documentFrequency: number, entityCount: number): number {
  if (entityCount <= 1) return 1;
  const idf = Math.log((entityCount + 1) / (documentFrequency + 1));
  const unique = Math.log((entityCount + 1) / 2);
  return MIN_INFORMATIVENESS + (1 - MIN_INFORMATIVENESS) * Math.max(0, Math.min(1, idf / unique));
}

export function tokenWeight(kind: TokenClass, documentFrequency: number, entityCount: number): number {
  if (kind === 'name') return informativeness(documentFrequency, entityCount);
  if (kind === 'patronymic') return PATRONYMIC_FACTOR * informativeness(documentFrequency, entityCount);
  return CLASS_WEIGHTS[kind];
}
