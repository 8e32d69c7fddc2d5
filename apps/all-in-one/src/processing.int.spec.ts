import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FaceEngine } from '@kyc/documents-adapters';
import { countryFromIcaoCode } from '@kyc/processing-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MRZ_SPECIMENS, syntheticMrzDocuments, type MrzDocument } from '@kyc/documents-testing';
import {
  demoPhoto,
  portraitsOf,
  printedPortrait,
  renderDocument,
  truncated,
} from '@kyc/processing-testing';
import { ApiClient } from './testing/api-client';
import { eventually, expectError, ok } from './testing/assertions';
import { tenantClient } from './testing/fixtures';
import { completePassportSession, PASSPORT_WORKFLOW } from './testing/passport-session';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

interface Person {
  document: MrzDocument;
  /** The customer's own spelling of the name on the form. */
  fullName: string;
}

function personOf(document: MrzDocument): Person {
  const title = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();
  const { givenNames, surname } = document.data;
  return { document, fullName: `${givenNames.split(' ').map(title).join(' ')} ${title(surname)}` };
}

describe('processing a completed session (POST /kyc/sessions/{id}/process)', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let holder: Buffer;
  let someoneElse: Buffer;
  const [valid] = syntheticMrzDocuments({ count: 1, seed: 23, now: new Date(), formats: ['TD3'] }).map(personOf);
  // ICAO's specimen passport of Anna Maria Eriksson expired in 2012.
  const expired = personOf(MRZ_SPECIMENS.find((specimen) => specimen.id === 'icao-td3')!);

  beforeAll(async () => {
    const faces = new FaceEngine();
    await faces.init();
    [holder, , someoneElse] = await portraitsOf(faces, demoPhoto(1));
    platform = await startTestPlatform();
    ({ api } = await tenantClient(platform.url));
    console.log(`processing.int.spec: platform on ${platform.describeDatabase}`);
  }, 120_000);
  afterAll(async () => platform?.close());

  /** A session of `workflowId` its customer completed with this passport, selfie and form. */
  async function completedSession(
    workflowId: string,
    person: Person,
    options: { passport?: Buffer; selfie?: Buffer; form?: Record<string, string> } = {},
  ) {
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const passport = options.passport ?? (await renderDocument(person.document, await printedPortrait(holder)));
    // Utopia (the ICAO specimens' country) has no ISO code: its customers declare a real nationality.
    const nationality = countryFromIcaoCode(person.document.data.nationality);
    const values = options.form ?? {
      full_name: person.fullName,
      date_of_birth: person.document.data.dateOfBirth,
      nationality: nationality && /^[A-Z]{2}$/.test(nationality) ? nationality : 'SE',
    };
    const { passportDocId } = await completePassportSession(platform.url, created.access_token, {
      passport: { bytes: passport, fileName: 'passport.png' },
      selfie: { bytes: options.selfie ?? holder, fileName: 'selfie.jpg' },
      values,
    });
    return { sessionId: created.session_id as string, docId: passportDocId };
  }

  it('reads the passport, matches the faces, screens the name and approves; the list shows the risk', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', PASSPORT_WORKFLOW), 201).workflow_id;
    const { sessionId, docId } = await completedSession(workflowId, valid);

    const processed = ok(await api.post(`/kyc/sessions/${sessionId}/process`));
    expect(processed).toMatchObject({ session_id: sessionId, status: 'processed', run: 1 });
    const results = processed.processing_results;
    const { data } = valid.document;
    expect(results.extraction_results[docId]).toMatchObject({
      status: 'extracted',
      document_type: 'passport',
      full_name: `${data.givenNames} ${data.surname}`,
      document_number: data.documentNumber,
      date_of_birth: data.dateOfBirth,
      expiry_date: data.expiryDate,
      nationality: countryFromIcaoCode(data.nationality),
      check_digits_valid: true,
    });
    expect(results.cross_validation).toEqual({ status: 'passed', warnings: [], errors: [] });
    expect(results.face_match_result).toMatchObject({ status: 'matched', threshold: 0.8, document_id: docId });
    expect(results.face_match_result.confidence).toBeGreaterThanOrEqual(0.8);
    expect(results.external_validations.lists_check).toMatchObject({ is_match: false, match_count: 0 });
    expect(results.external_validations.adverse_media_check).toBeNull();
    expect(results.web_validation_results).toEqual([]);
    expect(results).toMatchObject({ final_decision: 'approved', risk_level: 'low' });
    expect(results.risk_score).toBeLessThan(30);
    expect(results.processing_time_ms).toBeGreaterThan(0);

    const detail = ok(await api.get(`/kyc/sessions/${sessionId}`));
    expect(detail.processing_results).toEqual(results);
    expect(detail.processing).toMatchObject({ status: 'completed', run: 1 });
    // Without auto_decision a reviewer decides; the automatic decision is advice.
    expect(detail.final_decision).toBeNull();

    const listed = ok(await api.get(`/kyc/sessions?workflow_id=${workflowId}&include_summary=true`));
    expect(listed.sessions[0]).toMatchObject({ session_id: sessionId, status: 'processed', risk_score: results.risk_score, risk_level: 'low' });
    expect(listed.summary).toMatchObject({
      avg_risk_score: Math.round(results.risk_score * 10) / 10,
      sessions_with_risk_score: 1,
      validation_counts: { lists: 1, face_match: 1, adverse_media: 0 },
    });
  });

  it('rejects on its own an expired passport of someone else (auto_process + auto_decision), with the reasons', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', { ...PASSPORT_WORKFLOW, name: 'Automatic', auto_process: true, auto_decision: true }), 201)
      .workflow_id;
    const passport = await renderDocument(expired.document, await printedPortrait(holder));
    const { sessionId } = await completedSession(workflowId, expired, { passport, selfie: someoneElse });

    const detail = await eventually(async () => {
      const session = ok(await api.get(`/kyc/sessions/${sessionId}`));
      expect(session.status).toBe('rejected');
      return session;
    }, 60_000);
    const results = detail.processing_results;
    expect(results.final_decision).toBe('rejected');
    expect(results.cross_validation.errors.map((issue: { code: string }) => issue.code)).toContain('document_expired');
    expect(results.face_match_result.status).not.toBe('matched');
    const codes = results.decision_reasons.map((reason: { code: string }) => reason.code);
    expect(codes).toEqual(expect.arrayContaining(['document_expired']));
    expect(detail.final_decision).toBe('rejected');
    const trail = ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events.map((event: { type: string }) => event.type);
    expect(trail.slice(-5)).toEqual(['StepCompleted', 'SessionCompleted', 'ProcessingRequested', 'ProcessingCompleted', 'StatusChanged']);
    // Processed once: a second request re-runs only when asked, and the trigger was not handled twice.
    await platform.bus.waitUntilIdle();
    const again = ok(await api.get(`/kyc/sessions/${sessionId}/events`)).events;
    expect(again.filter((event: { type: string }) => event.type === 'ProcessingCompleted')).toHaveLength(1);
  });

  it('gives a coded result, not an error, for a passport file cut short; the session goes to a reviewer', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', { ...PASSPORT_WORKFLOW, name: 'Broken upload', auto_decision: true }), 201).workflow_id;
    const whole = await renderDocument(valid.document, await printedPortrait(holder));
    const { sessionId, docId } = await completedSession(workflowId, valid, { passport: truncated(whole) });

    const processed = ok(await api.post(`/kyc/sessions/${sessionId}/process`));
    const extraction = processed.processing_results.extraction_results[docId];
    expect(extraction).toMatchObject({ status: 'failed', error: { code: expect.stringMatching(/^[a-z_]+$/) } });
    expect(processed.processing_results.final_decision).toBe('manual_review');
    expect(processed.status).toBe('manual_review');
  });

  it('records a failed run (document gone from storage) as manual review with its code, and runs again on request', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', { ...PASSPORT_WORKFLOW, name: 'Lost file' }), 201).workflow_id;
    const { sessionId } = await completedSession(workflowId, valid);
    await rm(join(platform.dataDir, 'documents', 'sessions', sessionId), { recursive: true, force: true });

    const failed = ok(await api.post(`/kyc/sessions/${sessionId}/process`));
    expect(failed).toMatchObject({ status: 'manual_review', run: 1, processing_results: null, processing_error: { code: 'document_missing' } });
    const retried = ok(await api.post(`/kyc/sessions/${sessionId}/process`));
    expect(retried).toMatchObject({ status: 'manual_review', run: 2, processing_error: { code: 'document_missing' } });
    const detail = ok(await api.get(`/kyc/sessions/${sessionId}`));
    expect(detail.processing).toMatchObject({ status: 'failed', run: 2, error: { code: 'document_missing' } });
  });

  it('refuses a session its customer has not completed (409), one of another tenant (404), and without the scope (403)', async () => {
    const workflowId = ok(await api.post('/kyc/workflows', { ...PASSPORT_WORKFLOW, name: 'Refusals' }), 201).workflow_id;
    const open = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    expectError(await api.post(`/kyc/sessions/${open.session_id}/process`), 409, 'invalid_transition');
    const { api: other } = await tenantClient(platform.url, undefined, 'Other');
    expectError(await other.post(`/kyc/sessions/${open.session_id}/process`), 404, 'not_found');
    const { api: reader } = await tenantClient(platform.url, ['kyc:read'], 'Reader');
    expectError(await reader.post(`/kyc/sessions/${open.session_id}/process`), 403, 'forbidden');
  });
});

describe('web checks of url fields', () => {
  const WEB_WORKFLOW = {
    name: 'Merchant website',
    steps: [
      {
        step_id: 'business',
        type: 'form',
        fields: [
          { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
          { field_id: 'website', name: 'Website', type: 'url', required: true },
        ],
      },
    ],
    validations: { lists: false, face_match: false, adverse_media: false, crypto: false, web: true },
  };
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    site = createServer((request, response) => {
      response.statusCode = request.url === '/shop' ? 200 : 404;
      response.end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((resolve) => site.close(resolve)));

  async function processedWebsite(platform: TestPlatform, website: string) {
    const { api } = await tenantClient(platform.url);
    const workflowId = ok(await api.post('/kyc/workflows', WEB_WORKFLOW), 201).workflow_id;
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const user = new ApiClient(platform.url);
    const base = `/public/api/sessions/${created.access_token}/steps/business`;
    ok(await user.put(`${base}/form`, { values: { full_name: 'Jane Example', website } }));
    ok(await user.post(`${base}/complete`));
    return ok(await api.post(`/kyc/sessions/${created.session_id}/process`)).processing_results;
  }

  it('never calls a private or loopback address from a production configuration: refused, without a connection', async () => {
    let connections = 0;
    site.on('connection', () => (connections += 1));
    const platform = await startTestPlatform();
    try {
      const results = await processedWebsite(platform, `${siteUrl}/shop`);
      expect(results.web_validation_results).toEqual([
        expect.objectContaining({ step_id: 'business', field_id: 'website', status: 'refused', code: 'target_not_public' }),
      ]);
      expect(connections).toBe(0);
      expect(results.decision_reasons.map((reason: { code: string }) => reason.code)).toContain('web_invalid');
    } finally {
      await platform.close();
    }
  });

  it('checks the site (where private targets are allowed, as in development): a live page passes, a 404 flags', async () => {
    const platform = await startTestPlatform({ env: { WEB_VALIDATION_ALLOW_PRIVATE_TARGETS: 'true' } });
    try {
      const live = await processedWebsite(platform, `${siteUrl}/shop`);
      expect(live.web_validation_results[0]).toMatchObject({ status: 'valid', checks: { syntax: true, http: { status_code: 200 } } });
      const missing = await processedWebsite(platform, `${siteUrl}/gone`);
      expect(missing.web_validation_results[0]).toMatchObject({ status: 'invalid', code: 'http_error_status', checks: { http: { status_code: 404 } } });
      expect(missing.final_decision).not.toBe('approved');
    } finally {
      await platform.close();
    }
  });
});

describe('processing that outlasts the wait', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { PROCESSING_WAIT_SECONDS: '0' } });
  });
  afterAll(async () => platform?.close());

  it('answers 202 with status processing, and the session shows the results when the run ends', async () => {
    const { api } = await tenantClient(platform.url);
    const workflow = {
      ...PASSPORT_WORKFLOW,
      steps: [PASSPORT_WORKFLOW.steps[2]],
      validations: { lists: true, face_match: false, adverse_media: false, crypto: false, web: false },
    };
    const workflowId = ok(await api.post('/kyc/workflows', workflow), 201).workflow_id;
    const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
    const user = new ApiClient(platform.url);
    const base = `/public/api/sessions/${created.access_token}/steps/personal_info`;
    ok(await user.put(`${base}/form`, { values: { full_name: 'Jane Example', date_of_birth: '1990-01-01', nationality: 'FR' } }));
    ok(await user.post(`${base}/complete`));

    const accepted = await api.post(`/kyc/sessions/${created.session_id}/process`);
    expect(accepted.status).toBe(202);
    expect(accepted.body.data).toEqual({ session_id: created.session_id, status: 'processing', run: 1, processing_results: null });
    const detail = await eventually(async () => {
      const session = ok(await api.get(`/kyc/sessions/${created.session_id}`));
      expect(session.status).toBe('processed');
      return session;
    }, 30_000);
    // No identity document to read: the processing says so instead of approving.
    expect(detail.processing_results.cross_validation.warnings.map((issue: { code: string }) => issue.code)).toContain('no_identity_document');
    expect(detail.processing_results.face_match_result).toBeNull();
  });
});
