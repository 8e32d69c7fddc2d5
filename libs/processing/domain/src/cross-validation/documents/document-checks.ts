import { addDays, calendarDate } from '../calendar-date';
import type { IssueList } from '../issue-list';
import type { IdentityDocument } from './identity-document';

/** The type a zone must declare for each declared upload type that has one. */
const EXPECTED_ZONE_TYPE: Record<string, { type: string; label: string }> = {
  passport: { type: 'passport', label: 'a passport' },
  id: { type: 'id_card', label: 'an identity card' },
};
const ZONE_TYPE_LABEL: Record<string, string> = {
  passport: "a passport's",
  id_card: "an identity card's",
  visa: "a visa's",
  other: 'of another kind',
};

/** Checks of one document that was read, on its own: check digits, declared type, expiry, fields present. */
export function checkReadDocument(
  document: IdentityDocument,
  today: string | null,
  expiryWarningDays: number,
  issues: IssueList,
): void {
  const id = document.id;
  if (document.checkDigitsValid === false) {
    const which = document.failedChecks.length > 0 ? ` (${document.failedChecks.join(', ')})` : '';
    issues.add(
      'check_digits_failed',
      `${id}.check_digits`,
      `Check digits of the machine-readable zone of document ${id} failed${which}: its data may be misread or altered.`,
    );
  }
  checkDeclaredType(document, issues);
  checkExpiry(document, today, expiryWarningDays, issues);
  const missing: [string, boolean][] = [
    ['full_name', !document.surname && !document.givenNames && !document.fullName],
    ['date_of_birth', calendarDate(document.dateOfBirth) === null],
    ['nationality', document.nationality === null],
  ];
  for (const [field, absent] of missing) {
    if (absent) {
      issues.add(
        'document_field_missing',
        `${id}.${field}`,
        `No readable ${field.replace(/_/g, ' ')} was read from document ${id}, so it was not compared.`,
      );
    }
  }
}

function checkDeclaredType(document: IdentityDocument, issues: IssueList): void {
  const expected = document.declaredType ? EXPECTED_ZONE_TYPE[document.declaredType] : undefined;
  const read = document.documentType;
  if (!expected || !read || read === expected.type) return;
  issues.add(
    'document_type_mismatch',
    `${document.id}.document_type`,
    `Document ${document.id} was uploaded as ${expected.label} but its machine-readable zone is ${ZONE_TYPE_LABEL[read] ?? 'of another kind'}.`,
  );
}

function checkExpiry(
  document: IdentityDocument,
  today: string | null,
  windowDays: number,
  issues: IssueList,
): void {
  const field = `${document.id}.expiry_date`;
  const expiry = calendarDate(document.expiryDate);
  if (!expiry) {
    issues.add(
      'document_expiry_missing',
      field,
      `No readable expiry date was read from document ${document.id}.`,
    );
    return;
  }
  if (!today) {
    issues.add(
      'document_expiry_not_checked',
      field,
      `The expiry of document ${document.id} was not checked: the reference instant is not a valid ISO 8601 date.`,
    );
    return;
  }
  if (expiry < today) {
    issues.add('document_expired', field, `Document ${document.id} has expired.`);
  } else if (windowDays > 0 && expiry <= addDays(today, windowDays)) {
    issues.add('document_expiring_soon', field, `Document ${document.id} expires within ${windowDays} days.`);
  }
}
