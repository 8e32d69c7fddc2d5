import type { EntityAlias } from '../model';
import type { TokenComparison } from './token-similarity';

/** One published name or alias of an indexed entity. */
export interface IndexedName {
  /** Position of the entity in the index. */
  entity: number;
  /** As published. */
  published: string;
  /** The alias this name is; undefined for the entity's primary name. */
  alias: EntityAlias | undefined;
  /** Vocabulary ids, in natural order (given names first for OFAC's "LAST, First"). */
  tokens: Int32Array;
  surnames: boolean[];
}

/** Per query: each query unit's comparisons with vocabulary tokens (null: compared, no match). */
export type ComparisonCache = Map<number, TokenComparison | null>[];
