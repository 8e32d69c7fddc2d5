import { candidateUnits, queryUnits } from './alignment-units';
import type { NameExplanation } from './match-explanation';
import { alignNames } from './name-alignment';
import { explainName } from './name-explanation';
import { analyzeName } from './normalize-name';
import { compareTokens } from './token-similarity';
import { tokenWeight } from './token-weights';

/**
 * Compares two person or organisation names without an index (every name token weighs the same): how well
 * `b` matches the query `a`, 0..1, with the same alignment and explanation as a screening hit. Used to check
 * a name found in free text against a known name. Empty names score 0.
 */
export function compareNames(a: string, b: string): { score: number; explanation: NameExplanation } {
  const query = analyzeName(a);
  const candidate = analyzeName(b);
  const qUnits = queryUnits(query);
  const cUnits = candidateUnits(candidate);
  const alignment = alignNames(
    { units: qUnits, tokenCount: query.length },
    { units: cUnits, tokenCount: candidate.length },
    (q, c) => compareTokens(qUnits[q].token, cUnits[c].token),
    {
      query: (i) => tokenWeight(query[i].kind, 0, 0),
      candidate: (j) => tokenWeight(candidate[j].kind, 0, 0),
      surname: () => false,
    },
    'person',
  );
  return {
    score: alignment.score,
    explanation: explainName(query, alignment, candidate, undefined, alignment.score),
  };
}
