import type { CrossValidationResult, DocumentExtraction } from '@kyc/session-domain';
import type { DocumentType, FormField } from '@kyc/workflow-domain';
import { utcDateOf } from './calendar-date';
import { compareDocuments } from './comparisons/cross-document-checks';
import { compareWithForm } from './comparisons/form-document-checks';
import { DOCUMENTS_FIELD, FORM_FIELD } from './cross-validation-codes';
import { type CrossValidationOptions, resolveCrossValidationOptions } from './cross-validation-options';
import { checkReadDocument } from './documents/document-checks';
import { type IdentityDocument, readIdentityDocuments } from './documents/identity-document';
import { type FormIdentity, readFormIdentity } from './form/form-identity';
import { isRecord } from './is-record';
import { IssueList } from './issue-list';
import { formNameSide } from './name/build-name-sides';

export interface CrossValidationInput {
  /** The session's form steps: field definitions of the pinned workflow version and the values saved. */
  forms: { step_id: string; fields: FormField[]; values: Record<string, unknown> }[];
  /** Every identity document processed, with what was read from it (status 'failed' when nothing was read). */
  documents: { doc_id: string; declared_type: DocumentType; extraction: DocumentExtraction }[];
  /** ISO 8601 instant; expiry is judged against its calendar date (UTC). */
  now: string;
  options?: CrossValidationOptions;
}

/**
 * Checks a processed session's data for consistency: each identity document that was read on its own (check
 * digits, expiry, declared type), against the form (name, date of birth, nationality) and against the other
 * documents. Deterministic and total: any input, however incomplete or mistyped, gives a result.
 */
export function crossValidate(input: CrossValidationInput): CrossValidationResult {
  const given: Record<string, unknown> = isRecord(input) ? input : {};
  const options = resolveCrossValidationOptions(given.options);
  const today = utcDateOf(given.now);
  const form = readFormIdentity(given.forms);
  const documents = readIdentityDocuments(given.documents);
  const readable = documents.filter((document) => document.readable);
  const issues = new IssueList();

  reportDocumentSet(documents, readable, issues);
  reportFormGaps(form, readable.length > 0, issues);
  const formName = formNameSide(form.name);
  if (form.name.length > 0 && formName.tokens.length === 0 && readable.length > 0) {
    issues.add(
      'name_not_comparable',
      form.name[0].field,
      "The form's name is written in a script with no transliteration to a machine-readable zone's letters, so it was not compared.",
    );
  }
  for (const document of documents) {
    if (!document.readable) {
      if (readable.length > 0) reportUnreadable(document, issues);
      continue;
    }
    checkReadDocument(document, today, options.expiryWarningDays, issues);
    compareWithForm(document, form, formName, options, issues);
  }
  compareDocuments(readable, form, options, issues);
  return issues.result();
}

function reportDocumentSet(
  documents: IdentityDocument[],
  readable: IdentityDocument[],
  issues: IssueList,
): void {
  if (documents.length === 0) {
    issues.add(
      'no_identity_document',
      DOCUMENTS_FIELD,
      'No identity document was processed, so the form could not be compared with any document.',
    );
  } else if (readable.length === 0) {
    const listed = documents
      .map((document) => `${document.id} (${document.errorCode ?? 'unreadable'})`)
      .join(', ');
    issues.add(
      'no_document_readable',
      DOCUMENTS_FIELD,
      `None of the identity documents could be read: ${listed}. Nothing in the form could be verified against a document.`,
    );
  }
}

function reportUnreadable(document: IdentityDocument, issues: IssueList): void {
  const why = document.errorCode ? ` (${document.errorCode})` : '';
  issues.add(
    'document_unreadable',
    `${document.id}.status`,
    `Document ${document.id} could not be read${why}, so its data was not compared with the form or the other documents.`,
  );
}

/** Values the form lacks or holds in an unusable form; missing ones matter only when a document can be compared. */
function reportFormGaps(form: FormIdentity, anyReadable: boolean, issues: IssueList): void {
  for (const { field, expected } of form.invalid) {
    issues.add(
      'form_value_invalid',
      field,
      `The value of form field ${field} is not ${expected}, so it was not compared.`,
    );
  }
  if (!anyReadable) return;
  if (form.missingName) {
    issues.add(
      'form_name_missing',
      form.missingName.field ?? FORM_FIELD,
      'The form holds no name of the customer, so the name on the documents was not compared with it.',
    );
  }
  if (form.missingDateOfBirth) {
    issues.add(
      'form_date_of_birth_missing',
      form.missingDateOfBirth.field ?? FORM_FIELD,
      'The form holds no date of birth, so the date of birth on the documents was not compared with it.',
    );
  }
}
