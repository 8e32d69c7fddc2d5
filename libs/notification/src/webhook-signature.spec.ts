import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"event_id":"e1","type":"SessionCreated"}';

  it('signs "<t>.<body>" with HMAC-SHA256, as receivers recompute it', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_000)).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_300)).toBe(true);
  });

  it.each([
    ['another secret', 'whsec_other', body, 1_700_000_000],
    ['a changed body', secret, body.replace('e1', 'e2'), 1_700_000_000],
    ['an old timestamp (replay)', secret, body, 1_700_000_301],
    ['a timestamp from the future', secret, body, 1_699_999_699],
  ])('refuses %s', (_, key, signedBody, now) => {
    expect(verifyWebhookSignature(key, signedBody, signWebhook(secret, body, 1_700_000_000), now)).toBe(false);
  });

  it.each(['', 't=abc,v1=00', 'v1=00', 't=1700000000', 't=1700000000,v1=zz', 't=1700000000,v1=00'])('refuses the malformed header %j', (header) => {
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_000)).toBe(false);
  });
});
