import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listDelta, parseOfacLegacyCsv, type SanctionedEntity } from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from './testing/assertions';
import { ApiClient, type ApiClient as Api } from './testing/api-client';
import { tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const OFAC = resolve(__dirname, '../../../data/sanctions/ofac');
const SDN_2023 = join(OFAC, 'sdn-2023-12-28', 'sdn.csv.gz');
const SDN_2024 = join(OFAC, 'sdn-2024-05-03.csv.gz');

const WORKFLOW = {
  name: 'Monitored onboarding',
  steps: [
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
      ],
    },
  ],
  validations: { lists: true, face_match: false, adverse_media: false, crypto: false, web: false },
  default_ttl_days: 7,
};

async function publication(path: string, publishedAt: string) {
  return parseOfacLegacyCsv({ sdn: gunzipSync(await readFile(path)).toString('latin1'), publishedAt });
}

/** "LAST, First Middle" as a customer would type it. */
const asTyped = (entity: SanctionedEntity) => {
  const [last, first] = entity.name.split(', ');
  return first ? `${first} ${last}` : entity.name;
};

describe('ongoing monitoring with two real OFAC publications (2023-12-28, then 2024-05-03)', () => {
  let platform: TestPlatform;
  let api: Api;
  let listDir: string;
  let designated: SanctionedEntity;

  beforeAll(async () => {
    // A person OFAC designated between the two publications, with a name the earlier list has no one close to.
    const [before, after] = await Promise.all([publication(SDN_2023, '2023-12-28'), publication(SDN_2024, '2024-05-03')]);
    const added = listDelta(before, after).added.filter((e) => e.type === 'person' && e.birthDates.length > 0 && e.name.includes(', '));
    expect(added.length).toBeGreaterThan(100);
    designated = added[Math.floor(added.length / 2)];

    listDir = await mkdtemp(join(tmpdir(), 'kyc-lists-'));
    await copyFile(SDN_2023, join(listDir, 'sdn.csv.gz'));
    platform = await startTestPlatform({
      listMonitoring: true,
      env: { SCREENING_LISTS: 'ofac', SCREENING_OFAC_SDN_FILE: join(listDir, 'sdn.csv.gz'), SCREENING_REFRESH_SECONDS: '0' },
    });
    ({ api } = await tenantClient(platform.url));
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    if (listDir) await rm(listDir, { recursive: true, force: true });
  });

  async function approvedSession(fullName: string, dateOfBirth: string): Promise<string> {
    const workflowId = ok(await api.post('/kyc/workflows', WORKFLOW), 201).workflow_id;
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const user = new ApiClient(platform.url);
    const base = `/public/api/sessions/${created.access_token}/steps/personal_info`;
    ok(await user.put(`${base}/form`, { values: { full_name: fullName, date_of_birth: dateOfBirth } }));
    ok(await user.post(`${base}/complete`));
    const validation = ok(await api.post(`/kyc/sessions/${created.session_id}/validate`)).validation_results;
    expect(validation.lists_check.matches.map((m: { entity_id: string }) => m.entity_id)).not.toContain(designated.id);
    ok(await api.patch(`/kyc/sessions/${created.session_id}`, { status: 'approved', notes: 'clear on the lists of the day' }));
    return created.session_id;
  }

  it('re-screens approved sessions against what the newer list adds and sends a hit to manual review, once', async () => {
    const job = platform.listMonitoring!;
    // The first load is the baseline: recorded, nobody re-screened (the pass at start may have done it already).
    for (const run of await job.runOnce()) expect(run).toMatchObject({ list: 'ofac', entities: 0, sessionsScreened: 0 });
    expect(await job.runOnce()).toEqual([]);

    const birth = designated.birthDates[0];
    const dateOfBirth = `${birth.year}-${String(birth.month ?? 1).padStart(2, '0')}-${String(birth.day ?? 1).padStart(2, '0')}`;
    const target = await approvedSession(asTyped(designated), dateOfBirth);
    const bystander = await approvedSession('Margaret Thornbury', '1984-06-30');

    await copyFile(SDN_2024, join(listDir, 'sdn.csv.gz'));
    const [run] = await job.runOnce(true);
    expect(run).toMatchObject({ list: 'ofac', sessionsHit: 1, failures: 0 });
    expect(run.entities).toBeGreaterThanOrEqual(1_256);
    expect(run.sessionsScreened).toBeGreaterThanOrEqual(2);

    const hit = ok(await api.get(`/kyc/sessions/${target}`));
    expect(hit.status).toBe('manual_review');
    const trail = ok(await api.get(`/kyc/sessions/${target}/events`)).events;
    const detected = trail.filter((e: { type: string }) => e.type === 'MonitoringHitDetected');
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({ actor: { type: 'system', id: 'list-monitoring' }, data: { list: 'ofac', previous_status: 'approved' } });
    expect(detected[0].data.matches.map((m: { entity_id: string }) => m.entity_id)).toContain(designated.id);
    expect(ok(await api.get(`/kyc/sessions/${bystander}`)).status).toBe('approved');

    // The same version again changes nothing: it is recorded as screened against.
    expect(await job.runOnce(true)).toEqual([]);
    const after = ok(await api.get(`/kyc/sessions/${target}/events`)).events;
    expect(after.filter((e: { type: string }) => e.type === 'MonitoringHitDetected')).toHaveLength(1);
    const listed = ok(await api.get('/kyc/sessions?status=manual_review')).sessions.map((s: { session_id: string }) => s.session_id);
    expect(listed).toContain(target);
  });
});
