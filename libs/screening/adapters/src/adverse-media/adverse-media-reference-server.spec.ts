import {
  AdverseMediaUnavailableError,
  type AdverseMediaProvider,
  type AdverseMediaResult,
  type AdverseMediaSubject,
} from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAdverseMediaReferenceServer,
  type AdverseMediaReferenceServer,
} from './adverse-media-reference-server';

const RESULT: AdverseMediaResult = { risk_score: 0, decision: 'CLEAR', articles: [], provider: 'scripted' };

describe('adverse media reference server', () => {
  let server: AdverseMediaReferenceServer;
  const screened: AdverseMediaSubject[] = [];
  let answer: (subject: AdverseMediaSubject) => Promise<AdverseMediaResult> = async () => RESULT;
  const provider: AdverseMediaProvider = {
    screen: (subject) => {
      screened.push(subject);
      return answer(subject);
    },
  };
  const post = (body: string, headers: Record<string, string> = { 'x-api-key': 'k1' }, path = '/v1/screen') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  beforeAll(async () => {
    server = await startAdverseMediaReferenceServer({ provider, apiKey: 'k1', maxBodyBytes: 2048 });
  });

  afterAll(async () => {
    await server.close();
  });

  it('listens on the loopback interface and screens the posted subject', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post(JSON.stringify({ name: 'Jane Roe', birth_year: 1971, country: 'GB' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(RESULT);
    expect(screened.at(-1)).toEqual({ name: 'Jane Roe', birthYear: 1971, country: 'GB' });
  });

  it('answers 401 without the right key', async () => {
    expect((await post('{"name":"Jane Roe"}', {})).status).toBe(401);
    expect((await post('{"name":"Jane Roe"}', { 'x-api-key': 'k2' })).status).toBe(401);
  });

  it('answers 400 for a body that is not JSON or not a valid subject, with an error code', async () => {
    const notJson = await post('name=Jane');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'invalid_json' } });
    for (const body of ['[]', '{"name":""}', '{"name":"Jane Roe","birth_year":"1971"}', '{"name":42}']) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ error: { code: 'invalid_subject' } });
    }
  });

  it('answers 413 for an oversized body, 404 for another path and 405 for another method', async () => {
    expect((await post(JSON.stringify({ name: 'x'.repeat(5000) }))).status).toBe(413);
    expect((await post('{"name":"Jane Roe"}', { 'x-api-key': 'k1' }, '/v2/screen')).status).toBe(404);
    const get = await fetch(`${server.url}/v1/screen`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 503 when the provider behind it is unavailable and 500 when it fails otherwise', async () => {
    answer = async () => {
      throw new AdverseMediaUnavailableError('upstream', 'timeout', 'slow');
    };
    const unavailable = await post('{"name":"Jane Roe"}');
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({ error: { code: 'provider_unavailable' } });
    answer = async () => {
      throw new Error('disk on fire');
    };
    const failed = await post('{"name":"Jane Roe"}');
    expect(failed.status).toBe(500);
    expect(JSON.stringify(await failed.json())).not.toContain('disk on fire');
    answer = async () => RESULT;
  });
});
