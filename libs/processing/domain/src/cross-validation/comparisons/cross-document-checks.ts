import { calendarDate } from '../calendar-date';
import type { ResolvedCrossValidationOptions } from '../cross-validation-options';
import type { IdentityDocument } from '../documents/identity-document';
import type { FormIdentity } from '../form/form-identity';
import type { IssueList } from '../issue-list';
import { documentNameSide } from '../name/build-name-sides';
import type { NameSide } from '../name/name-side';
import { COMPARABLE_NATIONALITY } from './form-document-checks';
import { reportNameComparison } from './name-issue';

/**
 * Compares the documents that were read with each other: each one's name, date of birth and nationality with
 * those of the first document that has them, so a passport and an identity card of two people do not pass.
 */
export function compareDocuments(
  documents: readonly IdentityDocument[],
  form: FormIdentity,
  options: ResolvedCrossValidationOptions,
  issues: IssueList,
): void {
  const named = documents
    .map((document) => ({
      document,
      side: documentNameSide({
        surname: document.surname,
        given_names: document.givenNames,
        full_name: document.fullName,
      }),
    }))
    .filter(({ side }) => side.tokens.length > 0);
  const [reference, ...others] = named;
  for (const { document, side } of others) {
    reportNameOfDocuments(reference, { document, side }, options, issues);
  }

  const dated = documents.filter((document) => calendarDate(document.dateOfBirth) !== null);
  for (const document of dated.slice(1)) {
    if (document.dateOfBirth !== dated[0].dateOfBirth) {
      issues.add(
        'documents_date_of_birth_mismatch',
        `${document.id}.date_of_birth`,
        `The date of birth on document ${document.id} differs from the one on document ${dated[0].id}.`,
      );
    }
  }

  const declared = new Set(form.nationalities.map(({ value }) => value));
  const national = documents.flatMap((document) =>
    document.nationality && COMPARABLE_NATIONALITY.test(document.nationality)
      ? [{ document, nationality: document.nationality }]
      : [],
  );
  for (const { document, nationality } of national.slice(1)) {
    const first = national[0];
    // A dual national may hold a document of each country; the form declaring both says so.
    const bothDeclared = declared.has(first.nationality) && declared.has(nationality);
    if (nationality !== first.nationality && !bothDeclared) {
      issues.add(
        'documents_nationality_differ',
        `${document.id}.nationality`,
        `The nationality on document ${document.id} differs from the one on document ${first.document.id}.`,
      );
    }
  }
}

function reportNameOfDocuments(
  reference: { document: IdentityDocument; side: NameSide },
  other: { document: IdentityDocument; side: NameSide },
  options: ResolvedCrossValidationOptions,
  issues: IssueList,
): void {
  reportNameComparison(
    reference.side,
    other.side,
    {
      tolerance: options.nameTolerance,
      sides: { expected: `document ${reference.document.id}`, document: `document ${other.document.id}` },
      codes: { mismatch: 'documents_name_mismatch', partial: 'documents_name_partial_match' },
      field: `${other.document.id}.full_name`,
    },
    issues,
  );
}
