import type { FieldIssue } from '../errors/api-error';

/** Deeper than any body the API takes; bounds the recursion of everything that walks the value later. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (a lone surrogate was sent)';
  return null;
}

/**
 * The first thing in a parsed JSON body the API will not take, named by its path (`metadata.note`,
 * `corrections[0].message`): text PostgreSQL's text and JSONB cannot hold (NUL, unpaired surrogates), which
 * would otherwise sit in the event log and trip every later reader, and nesting deeper than MAX_JSON_DEPTH.
 */
export function findJsonBodyProblem(value: unknown, path = '', depth = 0): FieldIssue | null {
  if (typeof value === 'string') {
    const issue = unstorable(value);
    return issue ? { field: path || 'body', issue } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) return { field: path || 'body', issue: `must not be nested more than ${MAX_JSON_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findJsonBodyProblem(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    const keyIssue = unstorable(key);
    if (keyIssue) return { field: path || 'body', issue: `keys ${keyIssue}` };
    const found = findJsonBodyProblem(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}
