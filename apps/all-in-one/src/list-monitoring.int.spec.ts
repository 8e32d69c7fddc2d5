import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanctionedEntity } from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ok } from './testing/assertions';
import type { ApiClient } from './testing/api-client';
import { tenantClient } from './testing/fixtures';
import {
  approvedSession,
  MONITORED_WORKFLOW,
  personDesignatedIn2024,
  SDN_2023,
  SDN_2024,
  validatedSession,
} from './testing/monitoring-fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

interface MonitoredPlatform {
  platform: TestPlatform;
  api: ApiClient;
  /** Holds the list file the platform reads (sdn.csv.gz), the 2023 publication at start. */
  listDir: string;
  designated: { entity: SanctionedEntity; fullName: string; dateOfBirth: string };
}

/** A platform of its own for the enclosing describe, monitoring a list file that tests replace. */
function monitoredPlatform(): MonitoredPlatform {
  const monitored = {} as MonitoredPlatform;
  beforeAll(async () => {
    monitored.designated = await personDesignatedIn2024();
    monitored.listDir = await mkdtemp(join(tmpdir(), 'kyc-lists-'));
    const listFile = join(monitored.listDir, 'sdn.csv.gz');
    await copyFile(SDN_2023, listFile);
    monitored.platform = await startTestPlatform({
      listMonitoring: true,
      env: { SCREENING_LISTS: 'ofac', SCREENING_OFAC_SDN_FILE: listFile, SCREENING_REFRESH_SECONDS: '0' },
    });
    ({ api: monitored.api } = await tenantClient(monitored.platform.url));
  }, 120_000);
  afterAll(async () => {
    await monitored.platform?.close();
    if (monitored.listDir) await rm(monitored.listDir, { recursive: true, force: true });
  });
  return monitored;
}

describe('ongoing monitoring with two real OFAC publications (2023-12-28, then 2024-05-03)', () => {
  const monitored = monitoredPlatform();

  it('re-screens approved sessions against what the newer list adds and sends a hit to manual review, once', async () => {
    const { platform, api, listDir, designated } = monitored;
    const job = platform.listMonitoring!;
    // The first load is the baseline: recorded, nobody re-screened (the pass at start may have done it already).
    for (const run of await job.runOnce()) expect(run).toMatchObject({ list: 'ofac', entities: 0, sessionsScreened: 0 });
    expect(await job.runOnce()).toEqual([]);

    const workflowId = ok(await api.post('/kyc/workflows', MONITORED_WORKFLOW), 201).workflow_id;
    const { entity, fullName, dateOfBirth } = designated;
    const target = await approvedSession(api, workflowId, { full_name: fullName, date_of_birth: dateOfBirth }, entity.id);
    const bystander = await approvedSession(api, workflowId, { full_name: 'Margaret Thornbury', date_of_birth: '1984-06-30' }, entity.id);

    await copyFile(SDN_2024, join(listDir, 'sdn.csv.gz'));
    const [run] = await job.runOnce(true);
    expect(run).toMatchObject({ list: 'ofac', sessionsHit: 1, failures: 0 });
    expect(run.entities).toBeGreaterThanOrEqual(1_256);
    expect(run.sessionsScreened).toBeGreaterThanOrEqual(2);

    expect(ok(await api.get(`/kyc/sessions/${target}`)).status).toBe('manual_review');
    const trail = ok(await api.get(`/kyc/sessions/${target}/events`)).events;
    const detected = trail.filter((e: { type: string }) => e.type === 'MonitoringHitDetected');
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({ actor: { type: 'system', id: 'list-monitoring' }, data: { list: 'ofac', previous_status: 'approved' } });
    expect(detected[0].data.matches.map((m: { entity_id: string }) => m.entity_id)).toContain(entity.id);
    expect(ok(await api.get(`/kyc/sessions/${bystander}`)).status).toBe('approved');

    // The same version again changes nothing: it is recorded as screened against.
    expect(await job.runOnce(true)).toEqual([]);
    const after = ok(await api.get(`/kyc/sessions/${target}/events`)).events;
    expect(after.filter((e: { type: string }) => e.type === 'MonitoringHitDetected')).toHaveLength(1);
    const listed = ok(await api.get('/kyc/sessions?status=manual_review')).sessions.map((s: { session_id: string }) => s.session_id);
    expect(listed).toContain(target);
  });
});

describe('a session approved after a newer list was published (OFAC 2023-12-28, then 2024-05-03)', () => {
  const monitored = monitoredPlatform();

  it('is screened on approval against what the list added while it waited, and its hit sent to manual review, once', async () => {
    const { platform, api, listDir, designated } = monitored;
    const trailOf = async (sessionId: string) =>
      ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events as { type: string; actor: unknown; data: Record<string, unknown> }[];
    const job = platform.listMonitoring!;
    await job.runOnce();
    const workflowId = ok(await api.post('/kyc/workflows', MONITORED_WORKFLOW), 201).workflow_id;
    const { entity, fullName, dateOfBirth } = designated;
    // Both validated clear against 2023; neither approved when 2024 arrives, so monitoring passes them by.
    const target = await validatedSession(api, workflowId, { full_name: fullName, date_of_birth: dateOfBirth }, entity.id);
    const bystander = await validatedSession(api, workflowId, { full_name: 'Margaret Thornbury', date_of_birth: '1984-06-30' }, entity.id);
    await copyFile(SDN_2024, join(listDir, 'sdn.csv.gz'));
    const [run] = await job.runOnce(true);
    expect(run).toMatchObject({ list: 'ofac', sessionsHit: 0 });

    ok(await api.patch(`/kyc/sessions/${target}`, { status: 'approved', notes: 'clear on the lists of the day' }));
    ok(await api.patch(`/kyc/sessions/${bystander}`, { status: 'approved', notes: 'clear on the lists of the day' }));
    await eventually(async () => expect(ok(await api.get(`/kyc/sessions/${target}`)).status).toBe('manual_review'));
    await platform.bus.waitUntilIdle();

    const detected = (await trailOf(target)).filter((e) => e.type === 'MonitoringHitDetected');
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({
      actor: { type: 'system', id: 'approval-rescreening' },
      data: { list: 'ofac', list_version: run.version, previous_status: 'approved' },
    });
    expect((detected[0].data.matches as { entity_id: string }[]).map((m) => m.entity_id)).toContain(entity.id);
    expect(ok(await api.get(`/kyc/sessions/${bystander}`)).status).toBe('approved');
    expect((await trailOf(bystander)).filter((e) => e.type === 'MonitoringHitDetected')).toHaveLength(0);

    // The reviewer approves it again: the hit is known now, nothing is raised twice.
    ok(await api.patch(`/kyc/sessions/${target}`, { status: 'approved', notes: 'a namesake, checked by phone' }));
    await platform.bus.waitUntilIdle();
    expect(ok(await api.get(`/kyc/sessions/${target}`)).status).toBe('approved');
    expect((await trailOf(target)).filter((e) => e.type === 'MonitoringHitDetected')).toHaveLength(1);
  });
});
