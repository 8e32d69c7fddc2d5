import { describe, expect, it } from 'vitest';
import { mapPersonalData, personalDataSubject } from './personal-data-policy';

const mark = async (value: unknown) => ({ sealed: value });

describe('mapPersonalData', () => {
  it('transforms nested keys and every element of an array, leaving the rest and the input untouched', async () => {
    const data = {
      corrections: [
        { id: 'corr_1', step_id: 'a', message: 'fix your name, John' },
        { id: 'corr_2', step_id: 'b', message: 'upload again' },
      ],
      comment: 'name mismatch',
      previous_status: 'approved',
    };
    const result = await mapPersonalData('CorrectionRequested', data, mark);
    expect(result).toEqual({
      corrections: [
        { id: 'corr_1', step_id: 'a', message: { sealed: 'fix your name, John' } },
        { id: 'corr_2', step_id: 'b', message: { sealed: 'upload again' } },
      ],
      comment: { sealed: 'name mismatch' },
      previous_status: 'approved',
    });
    expect(data.comment).toBe('name mismatch');
  });

  it('skips absent or null values and nested paths under a null parent', async () => {
    const result = await mapPersonalData('SessionCreated', { metadata: { a: 1 }, parent: null }, mark);
    expect(result).toEqual({ metadata: { sealed: { a: 1 } }, parent: null });
    expect(await mapPersonalData('StatusChanged', { from: 'completed', to: 'approved', notes: null }, mark)).toEqual({
      from: 'completed',
      to: 'approved',
      notes: null,
    });
  });

  it('seals every value of an object but keeps its keys', async () => {
    expect(await mapPersonalData('FormSubmitted', { step_id: 'info', values: { full_name: 'Ann', dob: '1990-01-01' } }, mark)).toEqual({
      step_id: 'info',
      values: { full_name: { sealed: 'Ann' }, dob: { sealed: '1990-01-01' } },
    });
  });

  it('leaves events without personal data as they are', async () => {
    const data = { step_id: 'selfie' };
    expect(await mapPersonalData('StepCompleted', data, mark)).toBe(data);
  });

  it('seals a related party’s label with the subsession’s key, everything else with the stream’s', () => {
    expect(personalDataSubject('SubsessionCreated', { subsession_id: 'sub-1', label: 'Juan', step_id: 'ubos' }, 'parent-1')).toBe('sub-1');
    expect(personalDataSubject('SubsessionCreated', { label: 'no id' }, 'parent-1')).toBe('parent-1');
    expect(personalDataSubject('SessionCreated', { session_id: 'x', metadata: {} }, 'parent-1')).toBe('parent-1');
    expect(personalDataSubject('SubsessionRemoved', { subsession_id: 'sub-1' }, 'parent-1')).toBe('parent-1');
  });
});
