import type { NameWord } from './name-words';
import type { Shortening } from './word-similarity';

/** What a word of a name is: part of the surname, of the given names, or not said (a single full-name field). */
export type NameRole = 'surname' | 'given' | 'unknown';

export interface NameToken {
  word: NameWord;
  role: NameRole;
  /** Tokens of one group (one form field, one zone part) may be written together on the other side. */
  group: number;
  shortening: Shortening;
  /** A courtesy title typed in a form (Dr, Mrs): no zone carries one, so it may go unmatched. */
  honorific: boolean;
  /** The form field the token comes from, `<step_id>.<field_id>`. */
  field?: string;
}

/** One side of a name comparison: the form's name or a document's. */
export interface NameSide {
  tokens: NameToken[];
  /** The zone is full, so its last words may have been cut short or left out. */
  truncated: boolean;
}

export function hasRoles(side: NameSide): boolean {
  return side.tokens.some((token) => token.role !== 'unknown');
}
