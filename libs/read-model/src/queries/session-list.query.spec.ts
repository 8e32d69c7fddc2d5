import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError } from './session-list.query';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('list cursor', () => {
  it('round-trips the sort key of the last row', () => {
    const key = encodeCursor({
      createdAt: new Date('2024-11-22T10:30:00.123Z'),
      sessionId: '0190a8f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
    });
    expect(decodeCursor(key)).toEqual({
      created_at: '2024-11-22T10:30:00.123Z',
      session_id: '0190a8f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
    });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    [
      'a session id of the right length that is no UUID',
      encode({ created_at: '2024-01-01T00:00:00.000Z', session_id: '-'.repeat(36) }),
    ],
    [
      'a session id with misplaced hyphens',
      encode({ created_at: '2024-01-01T00:00:00.000Z', session_id: '0190a8f01c2d-7e3f-8a9b-0c1d-2e3f4a5b' }),
    ],
    [
      'a date that is no date',
      encode({ created_at: 'yesterday', session_id: '0190a8f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b' }),
    ],
    [
      'a year the database cannot store',
      encode({
        created_at: '-000001-01-01T00:00:00.000Z',
        session_id: '0190a8f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
      }),
    ],
    ['a missing field', encode({ created_at: '2024-01-01T00:00:00.000Z' })],
  ])('refuses %s', (_name, key) => {
    expect(() => decodeCursor(key)).toThrow(InvalidCursorError);
  });
});
