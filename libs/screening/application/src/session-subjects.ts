import type { Session } from '@kyc/session-domain';
import type { FormField } from '@kyc/workflow-domain';

/** What a session says about its subject that screening can use. */
export interface ScreeningSubjects {
  /** Every distinct name the customer gave (name fields), as written. */
  names: string[];
  birthYear?: number;
  /** ISO 3166-1 alpha-2, from a nationality field when there is one, else from any country field. */
  country?: string;
  cryptoAddresses: { field_id: string; address: string }[];
}

const BIRTH_DATE_FIELD = /birth|dob/i;
const NATIONALITY_FIELD = /national|citizen/i;

/** Reads the subjects from the session's form values (personal data, in clear: call with a loaded session). */
export function subjectsOf(session: Session): ScreeningSubjects {
  const filled: { field: FormField; value: string }[] = [];
  for (const step of session.steps) {
    if (step.definition.type !== 'form') continue;
    for (const field of step.definition.fields) {
      const value = step.form_values[field.field_id];
      if (typeof value === 'string' && value.trim().length > 0) filled.push({ field, value: value.trim() });
    }
  }
  const ofType = (type: FormField['type']) => filled.filter(({ field }) => field.type === type);
  const labelled = (entries: typeof filled, pattern: RegExp) =>
    entries.find(({ field }) => pattern.test(field.field_id) || pattern.test(field.name));

  const names = [...new Set(ofType('name').map(({ value }) => value.replace(/\s+/g, ' ')))];
  const birthDate = labelled(ofType('date'), BIRTH_DATE_FIELD)?.value;
  const countries = ofType('country');
  const country = (labelled(countries, NATIONALITY_FIELD) ?? countries[0])?.value.toUpperCase();
  const birthYear = birthDate ? Number(birthDate.slice(0, 4)) : undefined;
  return {
    names,
    ...(birthYear !== undefined && Number.isInteger(birthYear) ? { birthYear } : {}),
    ...(country ? { country } : {}),
    cryptoAddresses: ofType('crypto_address').map(({ field, value }) => ({ field_id: field.field_id, address: value })),
  };
}
