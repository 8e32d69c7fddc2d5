import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-target-guard';

describe('webhook target guard', () => {
  it.each([
    ['ftp://example.com/hook', 'must be an http(s) URL'],
    ['example.com/hook', 'must be an absolute http(s) URL'],
    ['https://user:secret@example.com/hook', 'must not carry credentials'],
    ['https://example.com/hook#part', 'must not have a fragment'],
    [`https://example.com/${'a'.repeat(2048)}`, 'must be at most 2048 characters'],
    ['http://localhost:3000/hook', 'must not point at this machine'],
    ['http://api.localhost/hook', 'must not point at this machine'],
    ['http://127.0.0.1/hook', 'must not point at a private, loopback or link-local address'],
    ['http://[::1]:8080/hook', 'must not point at a private, loopback or link-local address'],
    [
      'http://169.254.169.254/latest/meta-data',
      'must not point at a private, loopback or link-local address',
    ],
    ['http://[::ffff:10.0.0.1]/hook', 'must not point at a private, loopback or link-local address'],
    ['http://[64:ff9b::a9fe:a9fe]/hook', 'must not point at a private, loopback or link-local address'],
    ['http://0.0.0.0:8080/hook', 'must not point at a private, loopback or link-local address'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, false)).toBe(problem);
  });

  it('accepts public http(s) URLs, and private ones only when allowed', () => {
    expect(webhookUrlProblem('https://example.com/kyc/hooks?team=risk', false)).toBeNull();
    expect(webhookUrlProblem('http://93.184.215.14/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
    expect(webhookUrlProblem('ftp://127.0.0.1/hook', true)).toBe('must be an http(s) URL');
  });
});
