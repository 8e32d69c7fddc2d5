import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ok } from './testing/assertions';
import { tenantClient } from './testing/fixtures';
import {
  approvedSession,
  MONITORED_WORKFLOW,
  personDesignatedIn2024,
  SDN_2023,
  SDN_2024,
  validatedSession,
} from './testing/monitoring-fixtures';
import { startDistributedStack, type DistributedStack } from './testing/distributed-stack';

const serverUrl = process.env.DATABASE_URL;
const kafkaBrokers = process.env.KAFKA_BROKERS;
if (!serverUrl || !kafkaBrokers) {
  console.warn('list-monitoring.e2e: DID NOT RUN: it needs a PostgreSQL server (DATABASE_URL) and a Kafka broker (KAFKA_BROKERS).');
}

describe.runIf(serverUrl && kafkaBrokers)('ongoing monitoring by the validation service as its own process, over Kafka', () => {
  let stack: DistributedStack;
  let listDir: string;

  beforeAll(async () => {
    listDir = await mkdtemp(join(tmpdir(), 'kyc-lists-'));
    await copyFile(SDN_2023, join(listDir, 'sdn.csv.gz'));
    stack = await startDistributedStack({
      serverUrl: serverUrl as string,
      kafkaBrokers,
      validationService: true,
      env: { SCREENING_LISTS: 'ofac', SCREENING_OFAC_SDN_FILE: join(listDir, 'sdn.csv.gz'), SCREENING_REFRESH_SECONDS: '1' },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (listDir) await rm(listDir, { recursive: true, force: true });
  });

  it('picks up a newer list file and sends the approved session it now matches to manual review; a session approved later is screened on approval', async () => {
    await stack.waitReady(stack.healthPorts.validationService);
    const designated = await personDesignatedIn2024();
    const { api } = await tenantClient(stack.baseUrl);
    const workflowId = ok(await api.post('/kyc/workflows', MONITORED_WORKFLOW), 201).workflow_id;
    const values = { full_name: designated.fullName, date_of_birth: designated.dateOfBirth };
    const target = await approvedSession(api, workflowId, values, designated.entity.id);
    // Validated against 2023 too, but still waiting for its review when 2024 arrives.
    const waiting = await validatedSession(api, workflowId, values, designated.entity.id);
    // The baseline (2023) is in the ledger before the file changes, so the change is a new version.
    await eventually(async () => {
      const { rows } = await stack.db.query(`SELECT 1 FROM screening_list_versions WHERE list = 'ofac'`);
      expect(rows).toHaveLength(1);
    }, 30_000);

    await copyFile(SDN_2024, join(listDir, 'sdn.csv.gz'));
    await eventually(async () => expect(ok(await api.get(`/kyc/sessions/${target}`)).status).toBe('manual_review'), 60_000);
    const trail = ok(await api.get(`/kyc/sessions/${target}/events`)).events;
    const detected = trail.filter((e: { type: string }) => e.type === 'MonitoringHitDetected');
    expect(detected).toHaveLength(1);
    expect(detected[0].data.matches.map((m: { entity_id: string }) => m.entity_id)).toContain(designated.entity.id);
    // The version is recorded once its re-screening finished (just after the hit was sent).
    const rows = await eventually(async () => {
      const { rows } = await stack.db.query(`SELECT version, added, sessions_hit FROM screening_list_versions WHERE list = 'ofac' ORDER BY loaded_at`);
      expect(rows).toHaveLength(2);
      return rows;
    }, 30_000);
    expect(rows[1].added).toBeGreaterThanOrEqual(1_256);
    expect(rows[1].sessions_hit).toBe(1);

    // Approved now: the validation service's consumer (group kyc-validation) screens it against 2024.
    ok(await api.patch(`/kyc/sessions/${waiting}`, { status: 'approved', notes: 'clear on the lists of the day' }));
    await eventually(async () => expect(ok(await api.get(`/kyc/sessions/${waiting}`)).status).toBe('manual_review'), 30_000);
    const caught = ok(await api.get(`/kyc/sessions/${waiting}/events`)).events.filter((e: { type: string }) => e.type === 'MonitoringHitDetected');
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ actor: { type: 'system', id: 'approval-rescreening' }, data: { list: 'ofac', previous_status: 'approved' } });
    expect(caught[0].data.list_version).toBe(rows[1].version);
  }, 120_000);
});
