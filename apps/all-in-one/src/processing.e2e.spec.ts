import { FaceEngine } from '@kyc/documents-adapters';
import { countryFromIcaoCode } from '@kyc/processing-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticMrzDocuments } from '@kyc/documents-testing';
import {
  demoPhoto,
  portraitsOf,
  printedPortrait,
  renderDocument,
} from '@kyc/processing-testing';
import { ApiClient } from './testing/api-client';
import { eventually, ok } from './testing/assertions';
import { startDistributedStack, type DistributedStack } from './testing/distributed-stack';
import { tenantClient } from './testing/fixtures';
import { completePassportSession, PASSPORT_WORKFLOW } from './testing/passport-session';

const serverUrl = process.env.DATABASE_URL;
const kafkaBrokers = process.env.KAFKA_BROKERS;
if (!serverUrl || !kafkaBrokers) {
  console.warn('processing.e2e: DID NOT RUN: it needs a PostgreSQL server (DATABASE_URL) and a Kafka broker (KAFKA_BROKERS).');
}

const WORKFLOW = { ...PASSPORT_WORKFLOW, name: 'Passport KYC, automatic', auto_process: true, auto_decision: true };

describe.runIf(serverUrl && kafkaBrokers)('processing by the processing service as its own process, over Kafka', () => {
  let stack: DistributedStack;
  let api: ApiClient;
  let holder: Buffer;
  const people = syntheticMrzDocuments({ count: 2, seed: 31, now: new Date(), formats: ['TD3'] });

  beforeAll(async () => {
    const faces = new FaceEngine();
    await faces.init();
    [holder] = await portraitsOf(faces, demoPhoto(1));
    stack = await startDistributedStack({ serverUrl: serverUrl as string, kafkaBrokers, processingService: true });
    await stack.waitReady(stack.healthPorts.processingService, 90_000);
    ({ api } = await tenantClient(stack.baseUrl));
  }, 180_000);

  afterAll(async () => stack?.stop());

  async function complete(workflowId: string, person: (typeof people)[number]): Promise<string> {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const passport = await renderDocument(person, await printedPortrait(holder));
    const { givenNames, surname, dateOfBirth, nationality } = person.data;
    await completePassportSession(stack.baseUrl, created.access_token, {
      passport: { bytes: passport, fileName: 'passport.png' },
      selfie: { bytes: holder, fileName: 'selfie.jpg' },
      values: { full_name: `${givenNames} ${surname}`, date_of_birth: dateOfBirth, nationality: countryFromIcaoCode(nationality) ?? nationality },
    });
    return created.session_id as string;
  }

  async function approvedEventually(sessionId: string) {
    return eventually(async () => {
      const session = ok(await api.get(`/kyc/sessions/${sessionId}`));
      expect(session.status).toBe('approved');
      return session;
    }, 90_000);
  }

  it('processes a session completed under auto_process and approves it, once', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', WORKFLOW), 201).workflow_id;
    const sessionId = await complete(workflowId, people[0]);
    const session = await approvedEventually(sessionId);
    expect(session.processing_results).toMatchObject({ final_decision: 'approved', face_match_result: { status: 'matched' } });
    const trail = ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events;
    const completed = trail.filter((event: { type: string; actor: unknown }) => event.type === 'ProcessingCompleted');
    expect(completed).toHaveLength(1);
    expect(completed[0].actor).toEqual({ type: 'system', id: 'processing' });
    const row = await eventually(async () => {
      const { rows } = await stack.db.query('SELECT status, risk_score, risk_level FROM session_views WHERE session_id = $1', [sessionId]);
      expect(rows[0]?.status).toBe('approved');
      return rows[0];
    }, 30_000);
    expect(row).toMatchObject({ risk_level: 'low', risk_score: session.processing_results.risk_score });
  }, 120_000);

  it('loses no session when the processing service is killed mid-run: the restarted service processes it', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', { ...WORKFLOW, name: 'Killed mid-run' }), 201).workflow_id;
    const processing = stack.processingService!;
    const sessionId = await complete(workflowId, people[1]);
    await processing.kill();
    expect(ok(await api.get(`/kyc/sessions/${sessionId}`)).status).toBe('processing');
    processing.start();
    await stack.waitReady(stack.healthPorts.processingService, 90_000);
    const session = await approvedEventually(sessionId);
    expect(session.processing_results.final_decision).toBe('approved');
  }, 180_000);
});
