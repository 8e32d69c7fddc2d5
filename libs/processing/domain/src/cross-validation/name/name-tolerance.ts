import type {
  FatalNameDifference,
  NameComparison,
  NameDifference,
  NameDifferenceKind,
} from './name-comparison';
import type { NameRole } from './name-side';

/** What a tolerable name difference yields: nothing, a warning, or an error. */
export type NameDifferenceSeverity = 'accept' | 'warning' | 'error';

export type NameTolerance = Record<NameDifferenceKind, NameDifferenceSeverity>;

/**
 * What the zone itself imposes (truncation to its length, words written together or apart) is accepted; every
 * other difference is a warning, so a reviewer sees it without the session being refused for a missing middle
 * name or a misread letter.
 */
export const DEFAULT_NAME_TOLERANCE: Readonly<NameTolerance> = Object.freeze({
  truncated: 'accept',
  joined: 'accept',
  initial: 'warning',
  spelling_variant: 'warning',
  one_character: 'warning',
  extra_name_in_form: 'warning',
  extra_name_on_document: 'warning',
  order: 'warning',
  parts_swapped: 'warning',
});

export interface NameVerdict {
  severity: 'none' | 'warning' | 'error';
  /** Why, in words that name no personal data; empty when the names match. */
  reasons: string[];
  /** The form field most concerned. */
  field?: string;
}

/** The two sides as the reasons call them: "the form" and "the document", or two documents. */
export interface SideNames {
  expected: string;
  document: string;
}

/** Weighs a name comparison with the tolerance: fatal differences are errors, the others as the policy says. */
export function nameVerdict(
  comparison: NameComparison,
  tolerance: NameTolerance,
  sides: SideNames,
): NameVerdict {
  if (comparison.fatal) {
    return {
      severity: 'error',
      reasons: [fatalReason(comparison.fatal.kind, sides)],
      field: comparison.fatal.field,
    };
  }
  const counted = comparison.differences
    .map((difference) => ({ difference, severity: tolerance[difference.kind] }))
    .filter(({ severity }) => severity !== 'accept');
  if (counted.length === 0) return { severity: 'none', reasons: [] };
  const errors = counted.filter(({ severity }) => severity === 'error');
  const shown = errors.length > 0 ? errors : counted;
  return {
    severity: errors.length > 0 ? 'error' : 'warning',
    reasons: [...new Set(shown.map(({ difference }) => differenceReason(difference, sides)))],
    field: shown[0].difference.field,
  };
}

function fatalReason(kind: FatalNameDifference, sides: SideNames): string {
  switch (kind) {
    case 'no_common_name':
      return 'no part of the names matches';
    case 'surname_differs':
      return 'the surname differs';
    case 'given_names_differ':
      return 'the given names differ';
    case 'names_conflict':
      return `${sides.expected} and ${sides.document} each have a name part the other lacks`;
  }
}

const PART: Record<NameRole, string> = { surname: 'surname part', given: 'given name', unknown: 'name part' };

function differenceReason(difference: NameDifference, sides: SideNames): string {
  switch (difference.kind) {
    case 'truncated':
      return 'a name is cut short to fit the machine-readable zone';
    case 'joined':
      return 'name parts are written together or hyphenated differently';
    case 'initial':
      return 'a name part is given only as an initial';
    case 'spelling_variant':
      return `a ${PART[difference.role]} is spelt differently (another romanisation or spelling)`;
    case 'one_character':
      return `a ${PART[difference.role]} differs by one character`;
    case 'extra_name_in_form':
      return `${sides.expected} has a ${PART[difference.role]} that ${sides.document} lacks`;
    case 'extra_name_on_document':
      return `${sides.document} has a ${PART[difference.role]} that ${sides.expected} lacks`;
    case 'order':
      return 'the name parts are in a different order';
    case 'parts_swapped':
      return 'given names and surname are entered the other way round';
  }
}
