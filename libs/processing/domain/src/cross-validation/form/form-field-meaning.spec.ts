import { describe, expect, it } from 'vitest';
import { fieldMeaning } from './form-field-meaning';

describe('fieldMeaning', () => {
  it.each([
    ['full_name', 'Full name', 'name', { kind: 'name', part: 'full', preferred: true }],
    ['name', 'Name', 'name', { kind: 'name', part: 'full', preferred: false }],
    ['first_name', 'First name', 'name', { kind: 'name', part: 'given', preferred: false }],
    ['givenNames', 'Given names', 'name', { kind: 'name', part: 'given', preferred: false }],
    ['forename', 'Forename', 'name', { kind: 'name', part: 'given', preferred: false }],
    ['middle_name', 'Middle name', 'name', { kind: 'name', part: 'middle', preferred: false }],
    ['lastName', 'Last name', 'name', { kind: 'name', part: 'surname', preferred: false }],
    ['family_name', 'Family name', 'name', { kind: 'name', part: 'surname', preferred: false }],
    ['first_surname', 'First surname', 'name', { kind: 'name', part: 'surname', preferred: false }],
    ['mother_name', "Mother's name", 'name', null],
    ['maiden_name', 'Maiden name', 'name', null],
    ['birth_name', 'Name at birth', 'name', null],
    ['emergency_contact', 'Emergency contact', 'name', null],
    ['date_of_birth', 'Date of birth', 'date', { kind: 'date_of_birth' }],
    ['dob', 'DOB', 'date', { kind: 'date_of_birth' }],
    ['birthDate', 'Birthdate', 'date', { kind: 'date_of_birth' }],
    ['spouse_dob', 'Spouse date of birth', 'date', null],
    ['start_date', 'Start date', 'date', null],
    ['nationality', 'Nationality', 'country', { kind: 'nationality' }],
    ['citizenship', 'Citizenship', 'country', { kind: 'nationality' }],
    ['country', 'Country of residence', 'country', { kind: 'country' }],
    ['country_of_birth', 'Country of birth', 'country', null],
    ['issuing_country', 'Issuing country', 'country', null],
    ['full_name', 'Full name', 'text', null],
    ['full_name', 'Full name', 'no_such_type', null],
  ])('%s (%s, %s)', (field_id, name, type, meaning) => {
    expect(fieldMeaning({ field_id, name, type })).toEqual(meaning);
  });

  it('reads fields with missing or mistyped id and label', () => {
    expect(fieldMeaning({ type: 'name' })).toEqual({ kind: 'name', part: 'full', preferred: false });
    expect(fieldMeaning({ field_id: 3, name: null, type: 'date' })).toBeNull();
  });
});
