import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, fileForm, PNG_BYTES, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';
import { expectError, ok } from './testing/assertions';

/**
 * Personal data a test submits, unique to each session (so that a scan of the whole database can tell this
 * session's data from other tests'); none of it may ever be readable in the database's raw text.
 */
function makeSecrets() {
  // Letters only: a name field takes no digits.
  const tag = [...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return {
    metadataEmail: `ana.quintana.${tag}@example.org`,
    metadataId: `NID-5518-${tag}`,
    fullName: `Anastasia Quintanilla-${tag}`,
    birthDate: '1983-07-29',
    email: `anastasia.qv.${tag}@example.net`,
    idFileName: `passport-anastasia-${tag}.png`,
    selfieFileName: `selfie-anastasia-${tag}.png`,
    notes: `Reviewer note: cross-checked tax number ${tag}`,
    correctionMessage: `Anastasia, please re-upload the passport page ${tag}`,
    correctionComment: `Blurry passport photo ${tag}`,
    extendComment: `Customer travelling until 2031-02-03, ticket ${tag}`,
    label: `Bartholomew Okonkwo-${tag} - UBO`,
    uboMetadata: `ubo-share-ref-${tag}`,
  };
}
type Secrets = ReturnType<typeof makeSecrets>;

describe('DELETE /kyc/sessions/{id} and crypto-shredding', () => {
  let platform: TestPlatform;
  const user = () => new ApiClient(platform.url);

  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`session-delete.int.spec: ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  /** The raw text of every event of the given streams (or of the whole table), as the database holds it. */
  async function rawEvents(streamIds?: string[]): Promise<string> {
    const { rows } = streamIds
      ? await platform.sql.query<{ text: string }>(
          `SELECT stream_id || ' ' || type || ' ' || data::text || ' ' || metadata::text AS text FROM kyc_events
           WHERE stream_id = ANY($1::text[]) ORDER BY position`,
          [streamIds],
        )
      : await platform.sql.query<{ text: string }>(
          `SELECT stream_id || ' ' || type || ' ' || data::text || ' ' || metadata::text AS text FROM kyc_events ORDER BY position`,
        );
    return rows.map((r) => r.text).join('\n');
  }

  /** Every row of every table in the platform's schema, as text: wherever personal data could linger. */
  async function rawDatabase(): Promise<Map<string, string>> {
    const { rows: tables } = await platform.sql.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const dump = new Map<string, string>();
    for (const { name } of tables) {
      const { rows } = await platform.sql.query<{ text: string }>(`SELECT t::text AS text FROM ${name} t`);
      dump.set(name, rows.map((r) => r.text).join('\n'));
    }
    return dump;
  }

  function secretsIn(secrets: Secrets, text: string): string[] {
    return Object.values(secrets).filter((secret) => text.includes(secret));
  }

  async function dataKeyOf(subjectId: string) {
    const { rows } = await platform.sql.query<{ wrapped_key: unknown; destroyed_at: unknown }>(
      'SELECT wrapped_key, destroyed_at FROM kyc_data_keys WHERE subject_id = $1',
      [subjectId],
    );
    return rows;
  }

  /**
   * A session holding every kind of personal data the API accepts: metadata, form values, documents,
   * reviewer notes, correction messages, an extension comment and a subsession with a label and metadata.
   */
  async function richSession() {
    const SECRETS = makeSecrets();
    const { api } = await tenantClient(platform.url);
    const ubo = ok(await api.post('/kyc/workflows', { ...BASIC_WORKFLOW, name: 'UBO' }), 201);
    const wf = ok(
      await api.post('/kyc/workflows', {
        ...BASIC_WORKFLOW,
        steps: [
          ...BASIC_WORKFLOW.steps,
          {
            step_id: 'step_ubos',
            type: 'subsessions',
            workflow_id: ubo.workflow_id,
            optional: true,
            min: 0,
            max: 3,
          },
        ],
      }),
      201,
    );
    const metadata = { user_email: SECRETS.metadataEmail, national_id: SECRETS.metadataId };
    // An integrator's retry-safe create: the Idempotency-Key keeps the first answer for replays.
    const session = ok(
      await api.post(
        '/kyc/sessions',
        { workflow_id: wf.workflow_id, metadata, customer_id: 'cust_shred' },
        { 'idempotency-key': `create-${Date.now()}` },
      ),
      201,
    );
    const id = session.session_id as string;
    const base = `/public/api/sessions/${session.access_token}`;
    // The end user's page retries safely too: these answers (file name, form values) are kept for replays.
    const retrySafe = { 'idempotency-key': `upload-${id}` };
    ok(
      await user().post(
        `${base}/steps/id_document/documents`,
        fileForm(PNG_BYTES, SECRETS.idFileName, 'passport'),
        retrySafe,
      ),
      201,
    );
    ok(await user().post(`${base}/steps/id_document/complete`));
    ok(
      await user().post(
        `${base}/steps/selfie/documents`,
        fileForm(PNG_BYTES, SECRETS.selfieFileName, 'selfie'),
      ),
      201,
    );
    ok(await user().post(`${base}/steps/selfie/complete`));
    ok(
      await user().put(`${base}/steps/personal_info/form`, {
        values: { full_name: SECRETS.fullName, date_of_birth: SECRETS.birthDate, email: SECRETS.email },
      }),
    );
    const sub = ok(
      await api.post(`/kyc/sessions/${id}/subsessions`, {
        step_id: 'step_ubos',
        label: SECRETS.label,
        metadata: { ref: SECRETS.uboMetadata },
      }),
      201,
    );
    ok(
      await user().post(`${base}/steps/personal_info/complete`, undefined, {
        'idempotency-key': `complete-${id}`,
      }),
    );
    expect(ok(await api.get(`/kyc/sessions/${id}`)).status).toBe('completed');
    ok(await api.patch(`/kyc/sessions/${id}`, { status: 'manual_review', notes: SECRETS.notes }));
    ok(
      await api.post(`/kyc/sessions/${id}/corrections`, {
        corrections: [
          { step_id: 'id_document', document_types: ['passport'], message: SECRETS.correctionMessage },
        ],
        comment: SECRETS.correctionComment,
      }),
    );
    ok(await api.post(`/kyc/sessions/${id}/extend`, { extend_days: 5, comment: SECRETS.extendComment }));
    const docId = ok(await api.get(`/kyc/sessions/${id}`)).steps_data[0].documents[0].doc_id as string;
    return { api, id, session, sub, docId, workflowId: wf.workflow_id as string, SECRETS };
  }

  it('never writes personal data in clear to the event store, yet the API reads it back', async () => {
    const { api, id, sub, SECRETS } = await richSession();
    const text = await rawEvents([`session-${id}`, `session-${sub.subsession_id}`]);
    expect(text).toContain(id);
    expect(text).toContain('"$pii"');
    expect(secretsIn(SECRETS, text)).toEqual([]);

    // The tenant still sees all of it, decrypted.
    const details = JSON.stringify(ok(await api.get(`/kyc/sessions/${id}`)));
    const trail = JSON.stringify(ok(await api.get(`/kyc/sessions/${id}/events`)));
    for (const secret of [SECRETS.metadataEmail, SECRETS.fullName, SECRETS.idFileName, SECRETS.notes]) {
      expect(details).toContain(secret);
    }
    for (const secret of [
      SECRETS.correctionMessage,
      SECRETS.correctionComment,
      SECRETS.extendComment,
      SECRETS.label,
      SECRETS.email,
    ]) {
      expect(trail).toContain(secret);
    }
    expect(JSON.stringify(ok(await api.get(`/kyc/sessions/${sub.subsession_id}`)))).toContain(
      SECRETS.uboMetadata,
    );
  });

  it('deletes the session, its documents, subsessions and rows; every route answers 404', async () => {
    const { api, id, session, sub, docId, workflowId } = await richSession();
    const sibling = ok(
      await api.post('/kyc/sessions', { workflow_id: workflowId, metadata: { keep: 'me' } }),
      201,
    );
    const docUrl = ok(await api.get(`/kyc/sessions/${id}/documents/${docId}/url`)).presigned_url as string;
    expect((await fetch(docUrl)).status).toBe(200);
    const documentsDir = join(platform.dataDir, 'documents', 'sessions');
    expect(await readdir(join(documentsDir, id))).not.toEqual([]);

    expect(ok(await api.delete(`/kyc/sessions/${id}`))).toEqual({ session_id: id, deleted: true });

    const routes: [string, string, unknown?][] = [
      ['GET', `/kyc/sessions/${id}`],
      ['PATCH', `/kyc/sessions/${id}`, { status: 'approved' }],
      ['DELETE', `/kyc/sessions/${id}`],
      ['POST', `/kyc/sessions/${id}/generate-link`],
      ['POST', `/kyc/sessions/${id}/extend`, { extend_days: 1 }],
      ['POST', `/kyc/sessions/${id}/corrections`, { corrections: [{ step_id: 'selfie', message: 'x' }] }],
      ['POST', `/kyc/sessions/${id}/validate`],
      ['POST', `/kyc/sessions/${id}/process`],
      ['GET', `/kyc/sessions/${id}/events`],
      ['GET', `/kyc/sessions/${id}/documents/${docId}/url`],
      ['GET', `/kyc/sessions/${id}/subsessions`],
      ['POST', `/kyc/sessions/${id}/subsessions`, { step_id: 'step_ubos', label: 'X' }],
      ['POST', `/kyc/sessions/${id}/subsessions/${sub.subsession_id}/regenerate-link`],
      ['DELETE', `/kyc/sessions/${id}/subsessions/${sub.subsession_id}`],
      ['GET', `/kyc/sessions/${sub.subsession_id}`],
      ['GET', `/kyc/sessions/${sub.subsession_id}/events`],
    ];
    for (const [method, path, body] of routes) {
      expectError(await api.request(method, path, body), 404, 'not_found');
    }
    for (const token of [session.access_token, sub.access_token]) {
      const base = `/public/api/sessions/${token}`;
      expectError(await user().get(base), 404, 'not_found');
      expectError(
        await user().put(`${base}/steps/personal_info/form`, { values: { full_name: 'X' } }),
        404,
        'not_found',
      );
      expectError(
        await user().post(`${base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'x.png', 'selfie')),
        404,
        'not_found',
      );
      expectError(await user().get(`${base}/subsessions`), 404, 'not_found');
    }
    // A download link handed out before is dead, and the files are gone from the data folder.
    expect((await fetch(docUrl)).status).toBe(404);
    expect(existsSync(join(documentsDir, id))).toBe(false);
    expect(existsSync(join(documentsDir, sub.subsession_id))).toBe(false);

    // No list row is left (the answer waited for them), and the summary no longer counts them.
    const listed = ok(await api.get('/kyc/sessions?include_subsessions=true&include_summary=true'));
    expect(listed.sessions.map((r: { session_id: string }) => r.session_id)).toEqual([sibling.session_id]);
    expect(listed.summary.total).toBe(1);
    const { rows } = await platform.sql.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM session_views WHERE session_id = ANY($1::uuid[])',
      [[id, sub.subsession_id]],
    );
    expect(Number(rows[0].n)).toBe(0);

    // The rest of the tenant is untouched.
    expect(ok(await api.get(`/kyc/sessions/${sibling.session_id}`)).metadata).toEqual({ keep: 'me' });
  });

  it('shreds the personal data: no key left to decrypt the events, nothing in clear anywhere in the database', async () => {
    const { api, id, sub, SECRETS } = await richSession();
    const streams = [`session-${id}`, `session-${sub.subsession_id}`];
    const before = await rawEvents(streams);
    expect((await dataKeyOf(id))[0]).toMatchObject({ destroyed_at: null });
    expect((await dataKeyOf(id))[0].wrapped_key).not.toBeNull();
    const sealedBefore = before.match(/"\$pii"/g)?.length ?? 0;
    expect(sealedBefore).toBeGreaterThan(5);

    ok(await api.delete(`/kyc/sessions/${id}`));

    // The append-only log keeps its events (the audit shape) but none of them can be read any more.
    const after = await rawEvents(streams);
    expect(after).toContain('SessionDeleted');
    expect(after.match(/"\$pii"/g)?.length).toBe(sealedBefore);
    expect(secretsIn(SECRETS, after)).toEqual([]);
    expect(secretsIn(SECRETS, await rawEvents())).toEqual([]);

    for (const subject of [id, sub.subsession_id]) {
      const [key] = await dataKeyOf(subject);
      expect(key.wrapped_key).toBeNull();
      expect(key.destroyed_at).not.toBeNull();
    }
    // Folding the stream now yields erased markers where the personal data was.
    const { events, state } = await platform.application.sessions.load(id);
    expect(state.exists && state.deleted).toBe(true);
    const form = events.find((e) => e.event.type === 'FormSubmitted')?.event.data as { values: unknown };
    // Field ids are not personal data and stay; every value is erased.
    const erased = { $erased: true };
    expect(form.values).toEqual({ full_name: erased, date_of_birth: erased, email: erased });
    const created = events[0].event.data as { metadata: unknown };
    expect(created.metadata).toEqual({ $erased: true });
    const decoded = JSON.stringify(events.map((e) => e.event));
    expect(secretsIn(SECRETS, decoded)).toEqual([]);
    const child = await platform.application.sessions.load(sub.subsession_id);
    expect(secretsIn(SECRETS, JSON.stringify(child.events.map((e) => e.event)))).toEqual([]);

    // Nor is any of it left in clear in any other table (read models, idempotency replays, ...).
    // (The birth date is the one value other tests' sessions share: it is left out of this scan.)
    const { birthDate: _shared, ...unique } = SECRETS;
    const leaks = [...(await rawDatabase())]
      .map(([table, text]) => [table, secretsIn(unique as Secrets, text)] as const)
      .filter(([, found]) => found.length > 0);
    expect(leaks).toEqual([]);
  });

  it('deleting one subsession erases its personal data from the parent’s history too', async () => {
    const { api, id, sub, SECRETS } = await richSession();
    ok(await api.delete(`/kyc/sessions/${id}/subsessions/${sub.subsession_id}`));
    expectError(await api.get(`/kyc/sessions/${sub.subsession_id}`), 404, 'not_found');
    const [key] = await dataKeyOf(sub.subsession_id);
    expect(key.wrapped_key).toBeNull();

    // The parent lives on, with its own data readable, but the removed party's label is no longer anywhere.
    const parent = ok(await api.get(`/kyc/sessions/${id}`));
    expect(parent.metadata.user_email).toBe(SECRETS.metadataEmail);
    expect(parent.subsessions).toEqual([]);
    const trail = JSON.stringify(ok(await api.get(`/kyc/sessions/${id}/events`)));
    expect(trail).toContain(SECRETS.fullName);
    expect(trail).not.toContain(SECRETS.label);
    expect(trail).not.toContain(SECRETS.uboMetadata);
  });

  it('needs the delete scope and hides other tenants’ sessions', async () => {
    const { api, id } = await richSession();
    const { api: other } = await tenantClient(platform.url);
    expectError(await other.delete(`/kyc/sessions/${id}`), 404, 'not_found');
    const { api: reader } = await tenantClient(platform.url, ['kyc:read', 'kyc:create', 'kyc:update']);
    expectError(await reader.delete(`/kyc/sessions/${id}`), 403, 'forbidden');
    expect(ok(await api.get(`/kyc/sessions/${id}`)).session_id).toBe(id);
    expectError(await api.delete('/kyc/sessions/0190a8f0-0000-7000-8000-000000000000'), 404, 'not_found');
  });
});
