import { STREAM_NAME } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { StreamSelection } from './eventstoredb-stream-selection';

describe("the streams of $all that are this store's", () => {
  it('are by default every stream but the system ones, without system event types', () => {
    const selection = new StreamSelection();
    expect(selection.includes({ streamId: 'session-1', type: 'SessionCreated' })).toBe(true);
    expect(selection.includes({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(false);
    expect(selection.includes({ streamId: '$ce-session', type: '$>' })).toBe(false);
    expect(selection.includes({ streamId: '$$session-1', type: '$metadata' })).toBe(false);
    expect(selection.includes({ streamId: 'session-1', type: '$streamDeleted' })).toBe(false);
    expect(selection.coversStream('session-1')).toBe(true);
    expect(selection.coversStream('$settings')).toBe(false);
  });

  it('can be narrowed to streams with given prefixes', () => {
    const selection = new StreamSelection(['session-', 'workflow-']);
    expect(selection.includes({ streamId: 'session-1', type: 'SessionCreated' })).toBe(true);
    expect(selection.includes({ streamId: 'workflow-7', type: 'WorkflowPublished' })).toBe(true);
    expect(selection.includes({ streamId: 'billing-1', type: 'InvoiceSent' })).toBe(false);
    expect(selection.coversStream('billing-1')).toBe(false);
  });

  it('tells the server the same, by stream name', () => {
    const byDefault = new StreamSelection().serverFilter();
    expect(byDefault).toMatchObject({ filterOn: STREAM_NAME, regex: '^[^$]' });
    expect(new RegExp((byDefault as { regex: string }).regex).test('session-1')).toBe(true);
    expect(new RegExp((byDefault as { regex: string }).regex).test('$stats-1')).toBe(false);
    expect(new StreamSelection(['session-']).serverFilter()).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['session-'],
    });
  });

  it('refuses prefixes that would select nothing or system streams', () => {
    expect(() => new StreamSelection([])).toThrow(RangeError);
    expect(() => new StreamSelection([''])).toThrow(RangeError);
    expect(() => new StreamSelection(['$ce-'])).toThrow(RangeError);
  });
});
