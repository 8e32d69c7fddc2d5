import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, ok } from './testing/assertions';
import type { ApiClient } from './testing/api-client';
import { ApiClient as PublicClient } from './testing/api-client';
import { tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const CORPUS = resolve(__dirname, '../../../data/adverse-media/corpus.jsonl');
/** A wallet OFAC lists for HYDRA MARKET (ent 36216). */
const LISTED_WALLET = '17V7THwHMiDJmDwZK4unhE5HgKFJKx7VCe';

const SCREENED_WORKFLOW = {
  name: 'Screened onboarding',
  steps: [
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'nationality', name: 'Nationality', type: 'country' },
        { field_id: 'wallet', name: 'Payout wallet', type: 'crypto_address' },
      ],
    },
  ],
  validations: { lists: true, face_match: false, adverse_media: true, crypto: true, web: false },
  default_ttl_days: 7,
};

describe('sanctions screening over HTTP', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let workflowId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { ADVERSE_MEDIA_CORPUS: CORPUS } });
    ({ api } = await tenantClient(platform.url));
    workflowId = ok(await api.post('/kyc/workflows', SCREENED_WORKFLOW), 201).workflow_id;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  /** A completed session whose customer gave these values. */
  async function completedSession(values: Record<string, string>) {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const user = new PublicClient(platform.url);
    const base = `/public/api/sessions/${created.access_token}/steps/personal_info`;
    ok(await user.put(`${base}/form`, { values }));
    ok(await user.post(`${base}/complete`));
    return created.session_id as string;
  }

  it('finds a listed person despite a typo, with the engine threshold and per-field explanations', async () => {
    const found = ok(await api.get('/kyc/screening/search?name=VLADIMR%20PUTIN&type=person'));
    expect(found.threshold).toBeGreaterThan(0);
    expect(found.threshold).toBeLessThan(1);
    const ids = found.matches.map((m: { entity_id: string }) => m.entity_id);
    expect(ids).toContain('ofac:35096');
    expect(ids).toContain('eu:135909');
    const putin = found.matches.find((m: { entity_id: string }) => m.entity_id === 'ofac:35096');
    expect(putin).toMatchObject({ list: 'ofac', type: 'person', name: 'PUTIN, Vladimir Vladimirovich' });
    expect(putin.score).toBeGreaterThanOrEqual(found.threshold);
    expect(putin.explanation).toHaveProperty('name');
    const scores = found.matches.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('does not flag a common name, and finds a listed wallet by its address', async () => {
    expect(ok(await api.get('/kyc/screening/search?name=John%20Smith')).matches).toEqual([]);
    const wallet = ok(await api.get(`/kyc/screening/search?name=${LISTED_WALLET}`));
    expect(wallet.matches).toEqual([expect.objectContaining({ entity_id: 'ofac:36216', score: 1, matched_name: LISTED_WALLET })]);
  });

  it('answers 400 naming the field for empty, oversized, control-character and out-of-range input', async () => {
    expectError(await api.get('/kyc/screening/search'), 400, 'invalid_request', 'name');
    expectError(await api.get(`/kyc/screening/search?name=${'a'.repeat(513)}`), 400, 'invalid_request', 'name');
    expectError(await api.get('/kyc/screening/search?name=Ivan%07Petrov'), 400, 'invalid_request', 'name');
    expectError(await api.get('/kyc/screening/search?name=Ivan&limit=1000'), 400, 'invalid_request', 'limit');
    expectError(await api.get('/kyc/screening/search?name=Ivan&min_score=2'), 400, 'invalid_request', 'min_score');
    expectError(await api.get('/kyc/screening/search?name=Ivan&type=planet'), 400, 'invalid_request', 'type');
    expectError(await api.get('/kyc/screening/search?name=Ivan&country=Russia'), 400, 'invalid_request', 'country');
  });

  it('requires the screening:search scope', async () => {
    const { api: reader } = await tenantClient(platform.url, ['kyc:read'], 'Reader');
    expectError(await reader.get('/kyc/screening/search?name=Putin'), 403, 'forbidden');
  });

  it('validates a session: lists, wallet and adverse media, recorded in the audit trail', async () => {
    const sessionId = await completedSession({
      full_name: 'Vladimir Putin',
      date_of_birth: '1952-10-07',
      nationality: 'RU',
      wallet: LISTED_WALLET,
    });
    const validated = ok(await api.post(`/kyc/sessions/${sessionId}/validate`));
    expect(validated.session_id).toBe(sessionId);
    const results = validated.validation_results;
    expect(results.lists_check).toMatchObject({ is_match: true, lists_checked: ['ofac', 'un', 'eu'], names_checked: 1 });
    expect(results.lists_check.match_count).toBe(results.lists_check.matches.length);
    expect(results.lists_check.matches.map((m: { entity_id: string }) => m.entity_id)).toContain('ofac:35096');
    expect(results.crypto_check).toMatchObject({ is_match: true, match_count: 1, addresses_checked: 1 });
    expect(results.crypto_check.matches[0]).toMatchObject({ entity_id: 'ofac:36216', source: 'crypto', dismissed: false });
    expect(results.adverse_media_check).toMatchObject({ decision: 'CLEAR', risk_score: 0 });
    expect(Date.parse(results.validated_at)).not.toBeNaN();
    expect(validated.list_versions).toMatchObject({ ofac: '2023-12-28' });

    const trail = ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events;
    const recorded = trail.find((e: { type: string }) => e.type === 'ValidationCompleted');
    expect(recorded.data.results.lists_check.match_count).toBe(results.lists_check.match_count);
    const row = ok(await api.get(`/kyc/sessions?include_summary=true`));
    expect(row.summary.validation_counts).toMatchObject({ lists: 1 });
  });

  it('finds adverse media about a person named in the corpus and tells them apart from a namesake', async () => {
    const named = await completedSession({ full_name: 'Tobias Wrenfield', date_of_birth: '1971-03-02' });
    const check = ok(await api.post(`/kyc/sessions/${named}/validate`)).validation_results.adverse_media_check;
    expect(check.decision).toBe('REVIEW');
    expect(check.risk_score).toBeGreaterThan(0);
    expect(check.articles.some((a: { categories: string[] }) => a.categories.includes('fraud'))).toBe(true);
    const other = await completedSession({ full_name: 'Tobias Hartley', date_of_birth: '1971-03-02' });
    expect(ok(await api.post(`/kyc/sessions/${other}/validate`)).validation_results.adverse_media_check.decision).toBe('CLEAR');
  });

  it('lets a reviewer dismiss a hit with a reason: it stops counting, also in later runs, and the trail keeps it', async () => {
    const sessionId = await completedSession({ full_name: 'Jane Example', date_of_birth: '1990-01-01', wallet: LISTED_WALLET });
    const first = ok(await api.post(`/kyc/sessions/${sessionId}/validate`)).validation_results;
    const hit = first.crypto_check.matches[0];
    expectError(await api.post(`/kyc/sessions/${sessionId}/matches/${hit.match_id}/dismiss`, { reason: '' }), 400, 'invalid_request', 'reason');
    expectError(await api.post(`/kyc/sessions/${sessionId}/matches/m_0000000000000000/dismiss`, { reason: 'x' }), 404, 'not_found');
    expectError(await api.post(`/kyc/sessions/${sessionId}/matches/not-a-match/dismiss`, { reason: 'x' }), 404, 'not_found');

    const dismissed = ok(await api.post(`/kyc/sessions/${sessionId}/matches/${hit.match_id}/dismiss`, { reason: 'Exchange deposit address, not the customer' }));
    expect(dismissed).toMatchObject({ session_id: sessionId, match_id: hit.match_id, dismissed: true, reason: 'Exchange deposit address, not the customer' });
    expectError(await api.post(`/kyc/sessions/${sessionId}/matches/${hit.match_id}/dismiss`, { reason: 'again' }), 409, 'invalid_transition');

    const again = ok(await api.post(`/kyc/sessions/${sessionId}/validate`)).validation_results.crypto_check;
    expect(again).toMatchObject({ is_match: false, match_count: 0 });
    expect(again.matches).toEqual([expect.objectContaining({ match_id: hit.match_id, dismissed: true })]);
    const detail = ok(await api.get(`/kyc/sessions/${sessionId}`));
    expect(detail.validation_results.crypto_check.matches).toEqual([expect.objectContaining({ match_id: hit.match_id, dismissed: true })]);
    expect(detail.monitoring_hits).toEqual([]);
    const trail = ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events;
    expect(trail.find((e: { type: string }) => e.type === 'MatchDismissed')).toMatchObject({
      actor: { type: 'api_key' },
      data: { match_id: hit.match_id, entity_id: 'ofac:36216', reason: 'Exchange deposit address, not the customer' },
    });
  });

  it('answers 503 (not 500) while the configured list files cannot be loaded', async () => {
    const broken = await startTestPlatform({ env: { SCREENING_LISTS: 'un', SCREENING_UN_FILE: resolve(__dirname, 'no-such-list.xml') } });
    try {
      const { api: tenant } = await tenantClient(broken.url);
      const response = await tenant.get('/kyc/screening/search?name=Putin');
      expectError(response, 503, 'service_unavailable');
      expect(JSON.stringify(response.body)).not.toContain('no-such-list');
    } finally {
      await broken.close();
    }
  });

  it('answers 404 for a session of another tenant and 409 for a draft', async () => {
    const { api: other } = await tenantClient(platform.url, undefined, 'Other');
    const sessionId = await completedSession({ full_name: 'Jane Example', date_of_birth: '1990-01-01' });
    expectError(await other.post(`/kyc/sessions/${sessionId}/validate`), 404, 'not_found');
    const draft = ok(await api.post('/kyc/sessions', { workflow_id: workflowId, activate: false }), 201);
    expectError(await api.post(`/kyc/sessions/${draft.session_id}/validate`), 409, 'invalid_transition');
  });
});
