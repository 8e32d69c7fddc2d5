import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { eventually, expectError, ok } from './testing/assertions';

const DAY_MS = 86_400_000;

type Row = { session_id: string; status: string; compliance_status: string; created_at: string };
const idsOf = (rows: Row[]) => rows.map((r) => r.session_id).sort();

describe('GET /kyc/sessions', () => {
  let platform: TestPlatform;
  /** When set, the platform's clock stands still at this instant (sessions then share a created_at). */
  let frozenAt: Date | null = null;
  const clock = () => frozenAt ?? new Date();

  beforeAll(async () => {
    platform = await startTestPlatform({ clock });
    console.log(`session-list.int.spec: ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  async function at<T>(instant: Date, action: () => Promise<T>): Promise<T> {
    frozenAt = instant;
    try {
      return await action();
    } finally {
      frozenAt = null;
    }
  }

  const list = async (api: ApiClient, query = '') => ok(await api.get(`/kyc/sessions${query}`));

  /**
   * One session in every status the API can reach, on two workflows; created on distinct days
   * (`base` minus N days) so that date filters can pick them.
   */
  async function population() {
    const { api } = await tenantClient(platform.url);
    const w1 = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id as string;
    const w2 = ok(await api.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'Other' }), 201)
      .workflow_id as string;
    const base = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
    const daysAgo = (n: number) => new Date(base.getTime() - n * DAY_MS);
    const create = (n: number, body: object) =>
      at(daysAgo(n), async () => ok(await api.post('/kyc/sessions', { workflow_id: w1, ...body }), 201));
    const done = async (n: number, body: object = {}) => {
      const s = await create(n, body);
      await completeBasicSession(platform.url, s.access_token);
      return s;
    };
    const patch = async (id: string, status: string) =>
      ok(await api.patch(`/kyc/sessions/${id}`, { status }));

    const active = await create(0.5, { customer_id: 'cust_1' });
    const draft = await create(1.5, { activate: false });
    const completed = await done(2.5, { customer_id: 'cust_2' });
    const approved = await done(3.5, { customer_id: 'cust_1' });
    await patch(approved.session_id, 'approved');
    const rejected = await done(4.5);
    await patch(rejected.session_id, 'rejected');
    const review = await done(5.5);
    await patch(review.session_id, 'manual_review');
    const correction = await done(6.5);
    ok(
      await api.post(`/kyc/sessions/${correction.session_id}/corrections`, {
        corrections: [{ step_id: 'selfie', message: 'Retake' }],
      }),
    );
    // Expires at (base - 1.5 days): overdue for a sweep at the real now.
    const expired = await create(2.5, { ttl_days: 1 });
    const other = await at(daysAgo(0.25), async () =>
      ok(await api.post('/kyc/sessions', { workflow_id: w2, customer_id: 'cust_1' }), 201),
    );
    await platform.sweeper.sweepOnce();

    const all = { active, draft, completed, approved, rejected, review, correction, expired, other };
    const ids = Object.fromEntries(
      Object.entries(all).map(([name, s]) => [name, s.session_id as string]),
    ) as Record<keyof typeof all, string>;
    // The commands above do not wait for the list: wait until it shows every status.
    await eventually(async () => {
      const rows: Row[] = (await list(api, '?limit=100')).sessions;
      const byId = Object.fromEntries(rows.map((r) => [r.session_id, r.status]));
      expect(byId).toEqual({
        [ids.active]: 'active',
        [ids.draft]: 'draft',
        [ids.completed]: 'completed',
        [ids.approved]: 'approved',
        [ids.rejected]: 'rejected',
        [ids.review]: 'manual_review',
        [ids.correction]: 'awaiting_client_correction',
        [ids.expired]: 'expired',
        [ids.other]: 'active',
      });
    });
    return { api, w1, w2, ids, daysAgo };
  }

  it('filters by status, status_list, workflow_id, customer_id, compliance_status and creation dates', async () => {
    const { api, w1, w2, ids, daysAgo } = await population();
    const query = async (q: string) => idsOf((await list(api, q)).sessions);

    expect(await query('?status=active')).toEqual([ids.active, ids.other].sort());
    expect(await query('?status=expired')).toEqual([ids.expired]);
    expect(await query('?status_list=approved,rejected,manual_review')).toEqual(
      [ids.approved, ids.rejected, ids.review].sort(),
    );
    expect(await query('?status_list=draft')).toEqual([ids.draft]);
    expect(await query(`?workflow_id=${w2}`)).toEqual([ids.other]);
    expect(await query(`?workflow_id=${w1}&status=active`)).toEqual([ids.active]);
    expect(await query('?customer_id=cust_1')).toEqual([ids.active, ids.approved, ids.other].sort());
    expect(await query('?customer_id=cust_1&status=approved')).toEqual([ids.approved]);
    expect(await query('?customer_id=nobody')).toEqual([]);

    expect(await query('?compliance_status=incomplete')).toEqual([ids.draft, ids.expired].sort());
    expect(await query('?compliance_status=pending')).toEqual([ids.active, ids.other].sort());
    expect(await query('?compliance_status=completed')).toEqual([ids.completed]);
    expect(await query('?compliance_status=remediation')).toEqual([ids.correction]);
    expect(await query('?compliance_status=manual_review')).toEqual([ids.review]);
    expect(await query('?compliance_status=approved')).toEqual([ids.approved]);
    expect(await query('?compliance_status=rejected')).toEqual([ids.rejected]);

    const iso = (d: Date) => encodeURIComponent(d.toISOString());
    expect(await query(`?created_from=${iso(daysAgo(3))}&created_to=${iso(daysAgo(1))}`)).toEqual(
      [ids.draft, ids.completed, ids.expired].sort(),
    );
    expect(await query(`?created_from=${iso(daysAgo(1))}`)).toEqual([ids.active, ids.other].sort());
    expect(await query(`?created_to=${iso(daysAgo(5))}`)).toEqual([ids.review, ids.correction].sort());
    // Both bounds are inclusive.
    expect(await query(`?created_from=${iso(daysAgo(2.5))}&created_to=${iso(daysAgo(2.5))}`)).toEqual(
      [ids.completed, ids.expired].sort(),
    );
    expect(
      await query(`?created_from=${iso(daysAgo(3))}&created_to=${iso(daysAgo(1))}&status=expired`),
    ).toEqual([ids.expired]);

    // Rows carry the seed's fields.
    const [row] = (await list(api, `?status=approved`)).sessions;
    expect(row).toMatchObject({
      session_id: ids.approved,
      workflow_id: w1,
      workflow_name: 'Basic KYC',
      status: 'approved',
      compliance_status: 'approved',
      current_step_index: 3,
      completed_steps: 3,
      total_steps: 3,
      progress_percent: 100,
      customer_id: 'cust_1',
      priority: 'medium',
      created_at: daysAgo(3.5).toISOString(),
    });
    expect(Number.isInteger(row.expires_at)).toBe(true);
    const [fresh] = (await list(api, '?status=draft')).sessions;
    expect(fresh).toMatchObject({
      completed_steps: 0,
      total_steps: 3,
      progress_percent: 0,
      current_step_index: 0,
    });
  });

  it('summarises every matching session per the seed’s mapping table', async () => {
    const { api, w1 } = await population();
    const all = await list(api, '?include_summary=true&limit=2');
    expect(all.sessions).toHaveLength(2);
    expect(all.summary).toMatchObject({
      status_counts: {
        active: 2,
        draft: 1,
        completed: 1,
        approved: 1,
        rejected: 1,
        manual_review: 1,
        awaiting_client_correction: 1,
        expired: 1,
      },
      inbox_counts: {
        all: 9,
        incomplete: 2,
        pending: 2,
        manual_review: 1,
        approved: 1,
        rejected: 1,
        remediation: 1,
        completed: 1,
      },
      total: 9,
      sessions_with_risk_score: 0,
      avg_risk_score: null,
    });
    expect(Object.keys(all.summary.inbox_counts).sort()).toEqual(
      [
        'all',
        'approved',
        'completed',
        'incomplete',
        'manual_review',
        'pending',
        'rejected',
        'remediation',
      ].sort(),
    );
    expect(all.summary.validation_counts).toEqual({ lists: 0, face_match: 0, adverse_media: 0 });

    const filtered = await list(
      api,
      `?include_summary=true&workflow_id=${w1}&status_list=approved,rejected,manual_review`,
    );
    expect(filtered.summary).toMatchObject({
      status_counts: { approved: 1, rejected: 1, manual_review: 1 },
      inbox_counts: {
        all: 3,
        approved: 1,
        rejected: 1,
        manual_review: 1,
        pending: 0,
        incomplete: 0,
        remediation: 0,
        completed: 0,
      },
      total: 3,
    });
    expect(Object.keys(filtered.summary.status_counts).sort()).toEqual([
      'approved',
      'manual_review',
      'rejected',
    ]);
    expect((await list(api)).summary).toBeUndefined();
    // Another tenant sees none of it.
    const { api: other } = await tenantClient(platform.url);
    expect((await list(other, '?include_summary=true')).summary).toMatchObject({
      total: 0,
      status_counts: {},
      inbox_counts: { all: 0 },
    });
  });

  it('pages with next_key: no duplicates, no gaps, a stable newest-first order', async () => {
    const { api } = await tenantClient(platform.url);
    const wf = ok(await api.post('/kyc/workflows', BASIC_WORKFLOW), 201).workflow_id;
    const created: { session_id: string; created_at: string }[] = [];
    const base = Date.now() - 60 * 60_000;
    // 25 sessions, five of them created in the same millisecond: the order must still be total.
    for (let i = 0; i < 25; i++) {
      const instant = new Date(i < 5 ? base : base + i * 1000);
      created.push(
        await at(instant, async () => ok(await api.post('/kyc/sessions', { workflow_id: wf }), 201)),
      );
    }
    const expected = [...created]
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.session_id.localeCompare(a.session_id))
      .map((s) => s.session_id);

    const pages: Row[][] = [];
    let key: string | null = null;
    do {
      const path = `?limit=10${key ? `&next_key=${encodeURIComponent(key)}` : ''}`;
      const page: { sessions: Row[]; next_key: string | null } = await list(api, path);
      // The same request answers the same page.
      expect(await list(api, path)).toEqual(page);
      pages.push(page.sessions);
      key = page.next_key;
      expect(pages.length).toBeLessThanOrEqual(3);
    } while (key);

    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const seen = pages.flat().map((r) => r.session_id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(25);

    // A session created while paging does not shift the later pages.
    const first = await list(api, '?limit=10');
    ok(await api.post('/kyc/sessions', { workflow_id: wf }), 201);
    const second = await list(api, `?limit=10&next_key=${encodeURIComponent(first.next_key)}`);
    expect(second.sessions.map((r: Row) => r.session_id)).toEqual(expected.slice(10, 20));
    const again = await list(api, `?limit=10&next_key=${encodeURIComponent(first.next_key)}`);
    expect(again).toEqual(second);

    // Filters apply to every page.
    const filtered = await list(api, `?limit=7&status=active&workflow_id=${wf}`);
    expect(filtered.sessions).toHaveLength(7);
    expect(filtered.next_key).toEqual(expect.any(String));
    expect((await list(api, '?limit=100')).next_key).toBeNull();
  });

  it('rejects bad query parameters with 400 naming them', async () => {
    const { api } = await tenantClient(platform.url);
    expectError(await api.get('/kyc/sessions?status=finished'), 400, 'invalid_request', ['status']);
    expectError(await api.get('/kyc/sessions?status_list=approved,finished'), 400, 'invalid_request', [
      'status_list',
    ]);
    expectError(await api.get('/kyc/sessions?compliance_status=done'), 400, 'invalid_request', [
      'compliance_status',
    ]);
    expectError(await api.get('/kyc/sessions?workflow_id=abc'), 400, 'invalid_request', ['workflow_id']);
    expectError(await api.get('/kyc/sessions?created_from=yesterday'), 400, 'invalid_request', [
      'created_from',
    ]);
    expectError(await api.get('/kyc/sessions?limit=0'), 400, 'invalid_request', ['limit']);
    expectError(await api.get('/kyc/sessions?limit=101'), 400, 'invalid_request', ['limit']);
    expectError(await api.get('/kyc/sessions?next_key=not-a-cursor'), 400, 'invalid_request', ['next_key']);
    expectError(await api.get('/kyc/sessions?include_summary=maybe'), 400, 'invalid_request', [
      'include_summary',
    ]);
    expectError(await api.get('/kyc/sessions?colour=red'), 400, 'invalid_request', ['colour']);
    const { api: writer } = await tenantClient(platform.url, ['kyc:create']);
    expectError(await writer.get('/kyc/sessions'), 403, 'forbidden');
  });
});
