import type { CrossValidationCode } from '../cross-validation-codes';
import type { IssueList } from '../issue-list';
import { compareNameSides } from '../name/name-comparison';
import type { NameSide } from '../name/name-side';
import { nameVerdict, type NameTolerance, type SideNames } from '../name/name-tolerance';

interface NameCodes {
  mismatch: CrossValidationCode;
  partial: CrossValidationCode;
}

/** Compares two names and files what the tolerance makes of their differences, if anything. */
export function reportNameComparison(
  expected: NameSide,
  document: NameSide,
  context: { tolerance: NameTolerance; sides: SideNames; codes: NameCodes; field: string },
  issues: IssueList,
): void {
  const verdict = nameVerdict(compareNameSides(expected, document), context.tolerance, context.sides);
  if (verdict.severity === 'none') return;
  const { sides } = context;
  const because = verdict.reasons.join('; ');
  if (verdict.severity === 'error') {
    issues.add(
      context.codes.mismatch,
      verdict.field ?? context.field,
      `The name on ${sides.document} does not match the name in ${sides.expected}: ${because}.`,
    );
  } else {
    issues.add(
      context.codes.partial,
      verdict.field ?? context.field,
      `The name on ${sides.document} only partly matches the name in ${sides.expected}: ${because}.`,
    );
  }
}
