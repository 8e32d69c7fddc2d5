import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": [}', 7],
    ['{"a": 1,, "b": 2}', 8],
    ['{"a": 1', 7],
    ['[1, 2] x', 7],
    ['{"a": tru}', 9],
    ['{"a": "x\ny"}', 8],
    ['{"a": "\\q"}', 8],
    ['{a: 1}', 1],
    ['[01]', 2],
    ['', 0],
  ])('%j fails at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('finds no fault in valid JSON', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, 'x\u0001"\\', null, true, false, {}, []] });
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
