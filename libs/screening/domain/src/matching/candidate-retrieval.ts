import type { ComparisonCache, IndexedName } from './indexed-name';
import type { AlignmentUnit } from './name-alignment';
import type { NameVocabulary } from './name-vocabulary';

/** Listed parts found inside a query token count this share of the token towards the pre-score. */
const SPLIT_PART_SHARE = 0.5;
/** A query token that already has a spelling this close in the vocabulary is not tried as two joined parts. */
const GOOD_ENOUGH_FOR_NO_SPLIT = 0.9;
/**
 * Names of one entity scored precisely per query: the best by pre-score, and only those near the entity's best
 * (EU entities carry a dozen spellings of one name; the ones that share less with the query cannot win).
 */
const NAMES_PER_ENTITY = 6;
const NAME_PRE_SCORE_SHARE = 0.6;
/** Among equal pre-scores, shorter names are likelier to be the whole of what was asked for. */
const LENGTH_TIE_BREAK = 0.01;
/** Stamps are compared with the counters in Int32Arrays; a long-running index restarts them before they wrap. */
const MAX_STAMP = 2 ** 30;

/** Token classes that retrieve candidates; particles, titles and legal forms only do when nothing else is asked. */
const RETRIEVING = new Set(['name', 'patronymic', 'number']);

/**
 * Picks the entities a query is scored against, without scanning: every name that shares a keyed spelling with
 * the query gets a pre-score (the weight of the query tokens it has, each counted once), and the entities with
 * the best names go on, each with its few best names.
 */
export class CandidateRetrieval {
  // Scratch space reused by every query, sized to the index: no per-query allocation proportional to the lists.
  private readonly preScore: Float64Array;
  private readonly touchedBy: Int32Array;
  private readonly creditedBy: Int32Array;
  private queryCounter = 0;
  private creditCounter = 0;

  constructor(
    private readonly vocabulary: NameVocabulary,
    private readonly names: readonly IndexedName[],
    private readonly entityLimit: number,
  ) {
    this.preScore = new Float64Array(names.length);
    this.touchedBy = new Int32Array(names.length);
    this.creditedBy = new Int32Array(names.length);
  }

  private restartCountersBeforeOverflow(): void {
    if (this.creditCounter < MAX_STAMP && this.queryCounter < MAX_STAMP) return;
    this.touchedBy.fill(0);
    this.creditedBy.fill(0);
    this.queryCounter = 0;
    this.creditCounter = 0;
  }

  /** Entity positions with the ids of their names to score. */
  select(units: readonly AlignmentUnit[], cache: ComparisonCache): Map<number, number[]> {
    const touched = this.preScoreNames(units, cache);
    const score = (nameId: number) =>
      this.preScore[nameId] - LENGTH_TIE_BREAK * this.names[nameId].tokens.length;
    const bestOf = new Map<number, number>();
    for (const nameId of touched) {
      const entity = this.names[nameId].entity;
      const current = bestOf.get(entity);
      if (current === undefined || score(nameId) > current) bestOf.set(entity, score(nameId));
    }
    const selected = new Map<number, number[]>(
      topEntries(bestOf, this.entityLimit).map(([entity]) => [entity, []]),
    );
    for (const nameId of touched) selected.get(this.names[nameId].entity)?.push(nameId);
    for (const [entity, nameIds] of selected) {
      const floor = NAME_PRE_SCORE_SHARE * (bestOf.get(entity) ?? 0);
      const kept = nameIds.filter((nameId) => score(nameId) >= floor).sort((a, b) => score(b) - score(a));
      selected.set(entity, kept.slice(0, NAMES_PER_ENTITY));
    }
    return selected;
  }

  /** Accumulates the pre-score of every name the query's keyed tokens reach; returns those names. */
  private preScoreNames(units: readonly AlignmentUnit[], cache: ComparisonCache): number[] {
    this.restartCountersBeforeOverflow();
    const queryId = ++this.queryCounter;
    const touched: number[] = [];
    // Credits each name once per call, with the best gain among the tokens it uses.
    const credit = (shares: readonly [number, number][]) => {
      const creditId = ++this.creditCounter;
      const gains = shares
        .map(([id, share]): [number, number] => [id, share * this.vocabulary.weight(id)])
        .sort((a, b) => b[1] - a[1]);
      for (const [id, gain] of gains) {
        for (const nameId of this.vocabulary.postings[id]) {
          if (this.creditedBy[nameId] === creditId) continue;
          this.creditedBy[nameId] = creditId;
          if (this.touchedBy[nameId] !== queryId) {
            this.touchedBy[nameId] = queryId;
            this.preScore[nameId] = 0;
            touched.push(nameId);
          }
          this.preScore[nameId] += gain;
        }
      }
    };
    const identifying = units.some((unit) => RETRIEVING.has(unit.token.kind));
    units.forEach((unit, u) => {
      if (identifying && !RETRIEVING.has(unit.token.kind)) return;
      const matches: [number, number][] = [];
      let best = 0;
      for (const [id, comparison] of cache[u]) {
        if (!comparison) continue;
        matches.push([id, comparison.similarity * unit.indexes.length]);
        best = Math.max(best, comparison.similarity);
      }
      credit(matches);
      if (unit.indexes.length === 1 && best < GOOD_ENOUGH_FOR_NO_SPLIT) {
        const { left, right } = this.vocabulary.splits(unit.token);
        credit(left.map((id): [number, number] => [id, SPLIT_PART_SHARE]));
        credit(right.map((id): [number, number] => [id, SPLIT_PART_SHARE]));
      }
    });
    return touched;
  }
}

/** The `limit` entries with the highest values, best first, without sorting them all. */
function topEntries(values: Map<number, number>, limit: number): [number, number][] {
  const top: [number, number][] = [];
  for (const entry of values) {
    if (top.length === limit && entry[1] <= top[limit - 1][1]) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && top[at - 1][1] < entry[1]) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = entry;
  }
  return top;
}
