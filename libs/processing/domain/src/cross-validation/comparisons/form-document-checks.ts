import { calendarDate } from '../calendar-date';
import type { ResolvedCrossValidationOptions } from '../cross-validation-options';
import type { IdentityDocument } from '../documents/identity-document';
import type { FormIdentity, FormValue } from '../form/form-identity';
import type { IssueList } from '../issue-list';
import { documentNameSide } from '../name/build-name-sides';
import type { NameSide } from '../name/name-side';
import { reportNameComparison } from './name-issue';

/** A nationality that names a country (ISO alpha-2); the zone's other codes (UNO, XXA...) name none. */
export const COMPARABLE_NATIONALITY = /^[A-Z]{2}$/;

/** Compares one document that was read with the form: name, date of birth, nationality. */
export function compareWithForm(
  document: IdentityDocument,
  form: FormIdentity,
  formName: NameSide,
  options: ResolvedCrossValidationOptions,
  issues: IssueList,
): void {
  const documentName = documentNameSide({
    surname: document.surname,
    given_names: document.givenNames,
    full_name: document.fullName,
  });
  if (formName.tokens.length > 0 && documentName.tokens.length > 0) {
    reportNameComparison(
      formName,
      documentName,
      {
        tolerance: options.nameTolerance,
        sides: { expected: 'the form', document: `document ${document.id}` },
        codes: { mismatch: 'name_mismatch', partial: 'name_partial_match' },
        field: form.name[0].field,
      },
      issues,
    );
  }

  const birth = calendarDate(document.dateOfBirth);
  if (form.dateOfBirth && birth && birth !== form.dateOfBirth.value) {
    issues.add(
      'date_of_birth_mismatch',
      form.dateOfBirth.field,
      `The date of birth on document ${document.id} differs from the form's.`,
    );
  }
  compareNationality(document, form, issues);
}

function compareNationality(document: IdentityDocument, form: FormIdentity, issues: IssueList): void {
  const nationality = document.nationality;
  const strong = form.nationalities.length > 0;
  const against: FormValue[] = strong ? form.nationalities : form.countries;
  if (nationality === null || against.length === 0) return;
  if (!COMPARABLE_NATIONALITY.test(nationality)) {
    issues.add(
      'nationality_not_comparable',
      `${document.id}.nationality`,
      `The nationality on document ${document.id} is a code of no country (an organisation, a stateless person or a refugee), so it was not compared with the form.`,
    );
    return;
  }
  if (against.some(({ value }) => value === nationality)) return;
  if (strong) {
    issues.add(
      'nationality_mismatch',
      against[0].field,
      `The nationality on document ${document.id} is none of the form's nationalities.`,
    );
  } else {
    issues.add(
      'nationality_differs_from_country',
      against[0].field,
      `The nationality on document ${document.id} differs from the country given in the form.`,
    );
  }
}
