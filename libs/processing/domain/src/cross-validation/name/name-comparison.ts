import { type AlignedPair, alignNames } from './name-alignment';
import { hasRoles, type NameRole, type NameSide } from './name-side';

/** Differences that make two names different people's, whatever the tolerance. */
export type FatalNameDifference =
  'no_common_name' | 'surname_differs' | 'given_names_differ' | 'names_conflict';

/** Differences a name may show and still be the same person's; a workflow chooses what each one yields. */
export const NAME_DIFFERENCE_KINDS = [
  'truncated',
  'joined',
  'initial',
  'spelling_variant',
  'one_character',
  'extra_name_in_form',
  'extra_name_on_document',
  'order',
  'parts_swapped',
] as const;
export type NameDifferenceKind = (typeof NAME_DIFFERENCE_KINDS)[number];

export interface NameDifference<Kind extends string = NameDifferenceKind> {
  kind: Kind;
  role: NameRole;
  /** The form field concerned, when the expected side is a form. */
  field?: string;
}

export interface NameComparison {
  fatal: NameDifference<FatalNameDifference> | null;
  differences: NameDifference[];
}

/**
 * Compares the name a document carries with the expected one (the form's, or another document's). Case,
 * accents, ICAO transliteration and word order never count; what remains is either fatal (no surname in
 * common, no given name in common, or each side holding a name the other lacks) or a list of tolerable
 * differences for the tolerance policy to weigh.
 */
export function compareNameSides(expected: NameSide, document: NameSide): NameComparison {
  const pairs = alignNames(expected, document);
  const ofExpected = new Map<number, AlignedPair>();
  const ofDocument = new Map<number, AlignedPair>();
  for (const pair of pairs) {
    pair.expected.forEach((i) => ofExpected.set(i, pair));
    pair.document.forEach((j) => ofDocument.set(j, pair));
  }
  const firstField = expected.tokens.find((token) => token.field)?.field;
  const fieldOfRole = (role: NameRole) =>
    expected.tokens.find((token) => token.role === role && token.field)?.field ?? firstField;
  const fatal = (kind: FatalNameDifference, role: NameRole): NameComparison => ({
    fatal: { kind, role, field: fieldOfRole(role) },
    differences: [],
  });
  const significant = (pair: AlignedPair | undefined) => pair !== undefined && pair.kind !== 'initial';

  if (!pairs.some(significant)) return fatal('no_common_name', 'unknown');
  const roleCheck = checkRoles(expected, document, ofExpected, ofDocument, significant);
  if (roleCheck) return fatal(roleCheck, roleCheck === 'surname_differs' ? 'surname' : 'given');

  const excusedExpected = cutByTruncation(document, expected, ofDocument, ofExpected, 'expected');
  const excusedDocument = cutByTruncation(expected, document, ofExpected, ofDocument, 'document');
  const unmatchedExpected = expected.tokens
    .map((token, i) => ({ token, i }))
    .filter(({ token, i }) => !ofExpected.has(i) && !token.honorific && !excusedExpected.has(i));
  const unmatchedDocument = document.tokens
    .map((token, j) => ({ token, j }))
    .filter(({ j }) => !ofDocument.has(j) && !excusedDocument.has(j));
  if (unmatchedExpected.length > 0 && unmatchedDocument.length > 0) {
    return {
      fatal: { kind: 'names_conflict', role: 'unknown', field: unmatchedExpected[0].token.field },
      differences: [],
    };
  }

  const roleOf = (pair: AlignedPair): NameRole => {
    const documentRole = document.tokens[pair.document[0]].role;
    return documentRole !== 'unknown' ? documentRole : expected.tokens[pair.expected[0]].role;
  };
  const differences: NameDifference[] = [];
  for (const pair of pairs) {
    const field = expected.tokens[pair.expected[0]].field;
    if (pair.kind !== 'exact') differences.push({ kind: pair.kind, role: roleOf(pair), field });
  }
  for (const i of excusedExpected) {
    differences.push({ kind: 'truncated', role: expected.tokens[i].role, field: expected.tokens[i].field });
  }
  for (const j of excusedDocument) {
    differences.push({
      kind: 'truncated',
      role: document.tokens[j].role,
      field: fieldOfRole(document.tokens[j].role),
    });
  }
  for (const { token } of unmatchedExpected) {
    differences.push({ kind: 'extra_name_in_form', role: token.role, field: token.field });
  }
  for (const { token } of unmatchedDocument) {
    differences.push({ kind: 'extra_name_on_document', role: token.role, field: fieldOfRole(token.role) });
  }
  for (const pair of pairs) {
    const expectedRole = expected.tokens[pair.expected[0]].role;
    const documentRole = document.tokens[pair.document[0]].role;
    if (expectedRole !== 'unknown' && documentRole !== 'unknown' && expectedRole !== documentRole) {
      differences.push({
        kind: 'parts_swapped',
        role: expectedRole,
        field: expected.tokens[pair.expected[0]].field,
      });
    }
  }
  if (!inSameOrder(expected, document, pairs))
    differences.push({ kind: 'order', role: 'unknown', field: firstField });
  return { fatal: null, differences };
}

/**
 * The surname must find a counterpart, and so must the given names when both sides have some. Roles come from
 * the document's zone when it has them, else from the form's fields; a single full-name field has none.
 */
function checkRoles(
  expected: NameSide,
  document: NameSide,
  ofExpected: ReadonlyMap<number, AlignedPair>,
  ofDocument: ReadonlyMap<number, AlignedPair>,
  significant: (pair: AlignedPair | undefined) => boolean,
): 'surname_differs' | 'given_names_differ' | null {
  const [reference, matches, other, otherMatches] = hasRoles(document)
    ? [document, ofDocument, expected, ofExpected]
    : [expected, ofExpected, document, ofDocument];
  if (!hasRoles(reference)) return null;
  const indexesOf = (side: NameSide, role: NameRole) =>
    side.tokens.flatMap((token, i) => (token.role === role ? [i] : []));
  const surname = indexesOf(reference, 'surname');
  if (surname.length > 0 && !surname.some((i) => significant(matches.get(i)))) return 'surname_differs';

  const given = indexesOf(reference, 'given');
  const surnameCounterparts = new Set(
    surname.flatMap((i) => matches.get(i)?.[reference === document ? 'expected' : 'document'] ?? []),
  );
  // On a side without roles, the words that did not meet the surname stand for the given names.
  const otherGiven = hasRoles(other)
    ? indexesOf(other, 'given')
    : other.tokens.flatMap((token, i) => (!token.honorific && !surnameCounterparts.has(i) ? [i] : []));
  const anyGivenMatched = given.some((i) => significant(matches.get(i)));
  const otherHasUnmatched = otherGiven.some((i) => !otherMatches.has(i));
  return given.length > 0 && otherGiven.length > 0 && !anyGivenMatched && otherHasUnmatched
    ? 'given_names_differ'
    : null;
}

/**
 * When a zone was full, the words after its last one were cut off: the other side's unmatched given names
 * that follow the counterpart of that last word (all of them when the surname alone filled the zone).
 */
function cutByTruncation(
  zone: NameSide,
  other: NameSide,
  ofZone: ReadonlyMap<number, AlignedPair>,
  ofOther: ReadonlyMap<number, AlignedPair>,
  otherKey: 'expected' | 'document',
): Set<number> {
  const excused = new Set<number>();
  const last = zone.tokens.length - 1;
  if (!zone.truncated || last < 0) return excused;
  // When the surname alone filled the zone, every given name was cut off.
  const anchorPair = ofZone.get(last);
  let anchor: number;
  if (zone.tokens[last].role === 'surname') anchor = -1;
  else if (anchorPair) anchor = Math.max(...anchorPair[otherKey]);
  else return excused;
  other.tokens.forEach((token, i) => {
    if (i > anchor && !ofOther.has(i) && token.role !== 'surname' && !token.honorific) excused.add(i);
  });
  return excused;
}

/**
 * Given names in the same order on both sides, and so the surname's words. A side without roles (a full-name
 * field) may put the surname before or after the given names, as long as it does not split them.
 */
function inSameOrder(expected: NameSide, document: NameSide, pairs: readonly AlignedPair[]): boolean {
  const sorted = [...pairs].sort((x, y) => x.expected[0] - y.expected[0]);
  const rolesKnown = hasRoles(expected) && hasRoles(document);
  if (!hasRoles(document)) return true;
  const byRole = new Map<NameRole, number[]>();
  const labels: NameRole[] = [];
  for (const pair of sorted) {
    const expectedRole = expected.tokens[pair.expected[0]].role;
    const role = document.tokens[pair.document[0]].role;
    if (rolesKnown && expectedRole !== role) continue;
    byRole.set(role, [...(byRole.get(role) ?? []), pair.document[0]]);
    if (labels[labels.length - 1] !== role) labels.push(role);
  }
  const increasing = [...byRole.values()].every((order) =>
    order.every((j, k) => k === 0 || order[k - 1] < j),
  );
  return increasing && labels.length <= 2;
}
