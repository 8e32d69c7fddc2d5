/**
 * The engine's default decision threshold: a hit at or above it is a potential match for review, below it
 * is not reported. Screening of sessions uses the same value. Chosen on the labelled development set for a
 * false-positive rate of at most 5% on common, company and look-alike names.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.8;

/** A weak alias (too broad to identify alone) scores this share of what the same match on a strong name would. */
export const WEAK_ALIAS_FACTOR = 0.9;
