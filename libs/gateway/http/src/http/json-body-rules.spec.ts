import { describe, expect, it } from 'vitest';
import { findJsonBodyProblem, MAX_JSON_DEPTH } from './json-body-rules';

describe('findJsonBodyProblem', () => {
  it('accepts ordinary text, including any valid Unicode', () => {
    expect(findJsonBodyProblem({ name: 'José 🚀 日本', tags: ['a', 'b'], n: 1, ok: true, none: null })).toBeNull();
  });

  it('names the field holding a NUL character', () => {
    expect(findJsonBodyProblem({ metadata: { note: 'a\u0000b' } })).toEqual({ field: 'metadata.note', issue: 'must not contain NUL characters' });
    expect(findJsonBodyProblem({ corrections: [{ message: 'ok' }, { message: '\u0000' }] })).toEqual({
      field: 'corrections[1].message',
      issue: 'must not contain NUL characters',
    });
  });

  it('names the object whose key holds a NUL character', () => {
    expect(findJsonBodyProblem({ metadata: { 'a\u0000': 1 } })?.field).toBe('metadata');
    expect(findJsonBodyProblem({ 'x\u0000': 1 })?.field).toBe('body');
  });

  it('refuses unpaired surrogates but not surrogate pairs', () => {
    expect(findJsonBodyProblem({ a: '\ud800' })).toEqual({ field: 'a', issue: expect.stringContaining('lone surrogate') });
    expect(findJsonBodyProblem({ a: 'x\udc00' })?.field).toBe('a');
    expect(findJsonBodyProblem({ a: '\ud83d\ude80' })).toBeNull();
  });

  it('checks a bare string body', () => {
    expect(findJsonBodyProblem('\u0000')?.field).toBe('body');
  });
});

describe('findJsonBodyProblem: depth', () => {
  const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { a: nest(levels - 1) });

  it('accepts nesting up to the limit and names where it goes deeper', () => {
    expect(findJsonBodyProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    const problem = findJsonBodyProblem({ metadata: nest(MAX_JSON_DEPTH) });
    expect(problem?.issue).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(problem?.field.startsWith('metadata.a')).toBe(true);
  });

  it('stops at the limit on a very deep array without exhausting the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findJsonBodyProblem(deep)?.issue).toContain('nested');
  });
});
