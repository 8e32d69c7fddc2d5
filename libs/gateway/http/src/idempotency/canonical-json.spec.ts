import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('serialises objects with their keys sorted, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal values equal text and different values different text', () => {
    expect(canonicalJson({ workflow_id: 'w', ttl_days: 7 })).toBe(canonicalJson({ ttl_days: 7, workflow_id: 'w' }));
    expect(canonicalJson({ ttl_days: 7 })).not.toBe(canonicalJson({ ttl_days: 8 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('keeps scalars and null as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(3)).toBe('3');
  });
});
