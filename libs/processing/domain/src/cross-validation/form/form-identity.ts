import { isIsoCountryCode } from '@kyc/workflow-domain';
import type { FormNamePart } from '../name/build-name-sides';
import { calendarDate } from '../calendar-date';
import { isRecord } from '../is-record';
import { type FieldMeaning, fieldMeaning } from './form-field-meaning';

/** A form value with the field it comes from, `<step_id>.<field_id>`. */
export interface FormValue {
  field: string;
  value: string;
}

/** What the form says about the customer's identity, ready to compare with documents. */
export interface FormIdentity {
  /** The name parts to compare, in reading order (given, middle, surname), or one full name; empty when none. */
  name: FormNamePart[];
  dateOfBirth: FormValue | null;
  nationalities: FormValue[];
  /** Other country fields (residence, address): weaker evidence of nationality. */
  countries: FormValue[];
  /**
   * Set when no field of that meaning holds any value (an unusable value is reported as invalid instead): the
   * first such field left empty, or null when the form has none.
   */
  missingName: { field: string | null } | null;
  missingDateOfBirth: { field: string | null } | null;
  /** Values of these meanings that are not what their field type promises, so they were not compared. */
  invalid: { field: string; expected: string }[];
}

const PART_ORDER = { given: 0, middle: 1, surname: 2 } as const;

/** Reads the customer's name, date of birth, nationality and country from the form's fields. */
export function readFormIdentity(forms: unknown): FormIdentity {
  const identity: FormIdentity = {
    name: [],
    dateOfBirth: null,
    nationalities: [],
    countries: [],
    missingName: null,
    missingDateOfBirth: null,
    invalid: [],
  };
  const parts: (FormValue & { part: keyof typeof PART_ORDER })[] = [];
  const fullNames: (FormValue & { preferred: boolean })[] = [];
  let emptyNameField: string | null = null;
  let emptyBirthField: string | null = null;
  let nameValueSeen = false;
  let birthValueSeen = false;

  for (const { field, meaning, raw } of classifiedValues(forms)) {
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (meaning.kind === 'name') {
      if (empty) {
        emptyNameField ??= field;
        continue;
      }
      nameValueSeen = true;
      if (typeof raw !== 'string' || !/\p{L}/u.test(raw)) {
        identity.invalid.push({ field, expected: 'a name' });
      } else if (meaning.part === 'full') {
        fullNames.push({ field, value: raw, preferred: meaning.preferred });
      } else {
        parts.push({ field, value: raw, part: meaning.part });
      }
    } else if (meaning.kind === 'date_of_birth') {
      if (empty) {
        emptyBirthField ??= field;
        continue;
      }
      birthValueSeen = true;
      const date = calendarDate(raw);
      if (!date) identity.invalid.push({ field, expected: 'a date written YYYY-MM-DD' });
      else identity.dateOfBirth ??= { field, value: date };
    } else if (!empty) {
      const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      const list = meaning.kind === 'nationality' ? identity.nationalities : identity.countries;
      if (isIsoCountryCode(code)) list.push({ field, value: code });
      else identity.invalid.push({ field, expected: 'an ISO 3166-1 alpha-2 country code' });
    }
  }

  if (parts.length > 0) {
    // A stable sort keeps the form's order within each part.
    identity.name = [...parts]
      .sort((a, b) => PART_ORDER[a.part] - PART_ORDER[b.part])
      .map(({ field, value, part }) => ({ role: part === 'surname' ? 'surname' : 'given', field, value }));
  } else if (fullNames.length > 0) {
    const chosen = fullNames.find((name) => name.preferred) ?? fullNames[0];
    identity.name = [{ role: 'unknown', field: chosen.field, value: chosen.value }];
  }
  if (!nameValueSeen) identity.missingName = { field: emptyNameField };
  if (!birthValueSeen) identity.missingDateOfBirth = { field: emptyBirthField };
  return identity;
}

/** Every field of every step whose meaning matters here, with its raw value. */
function classifiedValues(forms: unknown): { field: string; meaning: FieldMeaning; raw: unknown }[] {
  const result: { field: string; meaning: FieldMeaning; raw: unknown }[] = [];
  for (const step of Array.isArray(forms) ? forms : []) {
    if (!isRecord(step) || typeof step.step_id !== 'string' || !Array.isArray(step.fields)) continue;
    const values = isRecord(step.values) ? step.values : {};
    for (const field of step.fields) {
      if (!isRecord(field) || typeof field.field_id !== 'string') continue;
      const meaning = fieldMeaning(field);
      if (meaning) {
        const raw = Object.hasOwn(values, field.field_id) ? values[field.field_id] : undefined;
        result.push({ field: `${step.step_id}.${field.field_id}`, meaning, raw });
      }
    }
  }
  return result;
}
