import type { Script } from '../text/romanize';
import type { LegalFamily } from './legal-forms';

/**
 * What a token is. Only 'name' and 'number' tokens identify; the others are matched but weigh little
 * (see token-weights.ts).
 */
export type TokenClass =
  'name' | 'patronymic' | 'initial' | 'number' | 'particle' | 'title' | 'connector' | 'legal';

export interface NameToken {
  /** Normalised spelling: lower-case ASCII where the script allows, legal forms canonical. */
  text: string;
  /** Romanisation-variant key (phonetic-key.ts). */
  phonetic: string;
  /** Consonant skeleton, the key on which Arabic-script and Latin spellings meet. */
  skeleton: string;
  kind: TokenClass;
  script: Script;
  /** The published form marks this token as (part of) the surname: OFAC "LAST, First", EU upper-case surnames. */
  surname: boolean;
  legalFamily?: LegalFamily;
}
