import { type NameWord, nameWords } from './name-words';
import type { NameRole, NameSide, NameToken } from './name-side';

/** One piece of the name a form holds: a full-name field (role unknown), or a given-names or surname field. */
export interface FormNamePart {
  role: NameRole;
  field: string;
  value: string;
}

/** The name parts of a document as extracted: surname and given names apart, or only the full name. */
export interface DocumentName {
  surname: string | null;
  given_names: string | null;
  full_name: string | null;
}

/** Courtesy titles people type before their name; no document zone carries them. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);

/**
 * Lengths of the name field of ICAO 9303 zones: TD1 (30), TD2 and MRV-B (31), TD3 and MRV-A (39). A name that
 * fills one exactly may have been cut to fit, since a cut name ends on a letter in the last position.
 */
const ZONE_NAME_LENGTHS = new Set([30, 31, 39]);

export function formNameSide(parts: readonly FormNamePart[]): NameSide {
  const tokens: NameToken[] = [];
  parts.forEach((part, group) => {
    for (const word of nameWords(part.value)) {
      tokens.push({
        word,
        role: part.role,
        group,
        shortening: 'none',
        honorific: word.spellings.some((spelling) => HONORIFICS.has(spelling)),
        field: part.field,
      });
    }
  });
  return { tokens, truncated: false };
}

/**
 * A document's name in zone order (surname, then given names). When the zone is full, its last word may be any
 * prefix of the real one and its other given names initials, as ICAO's truncation rules allow.
 */
export function documentNameSide(name: DocumentName): NameSide {
  const surname = name.surname ? nameWords(name.surname) : [];
  const given = name.given_names ? nameWords(name.given_names) : [];
  if (surname.length === 0 && given.length === 0) {
    const full = name.full_name ? nameWords(name.full_name) : [];
    return { tokens: full.map((word) => token(word, 'unknown', 0, 'none')), truncated: false };
  }
  const truncated = ZONE_NAME_LENGTHS.has(
    zoneLength(name.surname, given.length > 0 ? name.given_names : null),
  );
  const last = surname.length + given.length - 1;
  const shortening = (index: number, role: NameRole) =>
    !truncated ? 'none' : index === last ? 'prefix' : role === 'given' ? 'initial' : 'none';
  return {
    tokens: [
      ...surname.map((word, i) => token(word, 'surname', 0, shortening(i, 'surname'))),
      ...given.map((word, i) => token(word, 'given', 1, shortening(surname.length + i, 'given'))),
    ],
    truncated,
  };
}

function token(
  word: NameWord,
  role: NameRole,
  group: number,
  shortening: NameToken['shortening'],
): NameToken {
  return { word, role, group, shortening, honorific: false };
}

/** Characters the name takes in the zone: words joined by a filler, surname and given names by two. */
function zoneLength(surname: string | null, given: string | null): number {
  const part = (text: string | null) =>
    (text ?? '')
      .trim()
      .split(/[\s<]+/)
      .filter(Boolean)
      .join('<');
  return given === null ? part(surname).length : part(surname).length + 2 + part(given).length;
}
