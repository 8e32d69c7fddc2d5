/** What a form field holds, as far as comparing it with identity documents goes. */
export type FieldMeaning =
  | { kind: 'name'; part: 'given' | 'middle' | 'surname' | 'full'; preferred: boolean }
  | { kind: 'date_of_birth' }
  | { kind: 'nationality' }
  | { kind: 'country' };

/** Words of a field that make it someone else's data, or another name than the customer's current legal one. */
// prettier-ignore
const OTHER_PERSON = [
  'mother', 'father', 'parent', 'spouse', 'partner', 'husband', 'wife', 'child', 'guardian', 'maiden', 'former',
  'previous', 'alias', 'nick', 'preferred', 'emergency', 'contact', 'beneficiar', 'representative', 'director',
  'referee', 'reference', 'company', 'business', 'employer', 'organisation', 'organization', 'relative',
  'witness',
];
const BIRTH = ['birth', 'born', 'dob'];
const SURNAME = ['surname', 'last', 'family'];
const MIDDLE = ['middle'];
const GIVEN = ['first', 'given', 'fore'];
const FULL = ['full', 'legal', 'complete'];
const NATIONALITY = ['nationalit', 'citizen'];
const ISSUING = ['issu'];

/**
 * Reads a field's meaning from its type and the words of its id and label (`first_name`, `lastName`,
 * "Date of birth", `citizenship`). Names: given, middle or surname parts, else a full name; fields about
 * another person (mother's name, emergency contact) or another name (maiden, birth name, alias) are left out.
 * Dates: the date of birth only. Countries: nationality or citizenship, else a weaker country (residence,
 * address); a country of birth or of issue is neither.
 */
export function fieldMeaning(field: {
  field_id?: unknown;
  name?: unknown;
  type?: unknown;
}): FieldMeaning | null {
  const words = wordsOf(field.field_id, field.name);
  const has = (prefixes: readonly string[]) => words.some((word) => prefixes.some((p) => word.startsWith(p)));
  if (has(OTHER_PERSON)) return null;
  switch (field.type) {
    case 'name':
      if (has(BIRTH)) return null;
      if (has(SURNAME)) return { kind: 'name', part: 'surname', preferred: false };
      if (has(MIDDLE)) return { kind: 'name', part: 'middle', preferred: false };
      if (has(GIVEN)) return { kind: 'name', part: 'given', preferred: false };
      return { kind: 'name', part: 'full', preferred: has(FULL) };
    case 'date':
      return has(BIRTH) ? { kind: 'date_of_birth' } : null;
    case 'country':
      if (has(NATIONALITY)) return { kind: 'nationality' };
      return has(BIRTH) || has(ISSUING) ? null : { kind: 'country' };
    default:
      return null;
  }
}

/** Lower-case words of the id and the label, split at separators and camelCase humps. */
function wordsOf(...texts: unknown[]): string[] {
  return texts
    .filter((text): text is string => typeof text === 'string')
    .flatMap((text) =>
      text
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u),
    )
    .filter(Boolean);
}
