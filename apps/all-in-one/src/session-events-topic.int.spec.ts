import { sessionEventValidatorFromAsyncApi } from '@kyc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_EVENTS_TOPIC, type SessionIntegrationEvent } from '@kyc/contracts';
import { ApiClient } from './testing/api-client';
import { BASIC_WORKFLOW, completeBasicSession, tenantClient } from './testing/fixtures';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

describe('the public topic of session events (in-process bus)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
    console.log(`session events topic test on ${platform.describeDatabase}`);
  });
  afterAll(async () => platform?.close());

  it('delivers every event of a session, in order, with custom_tags and without personal data', async () => {
    const received: SessionIntegrationEvent[] = [];
    const subscription = await platform.bus.subscribe({
      topic: SESSION_EVENTS_TOPIC,
      groupId: 'internal-analytics',
      fromBeginning: true,
      handler: async (message) => void received.push(JSON.parse(message.value.toString('utf8'))),
    });
    const { api } = await tenantClient(platform.url);
    const workflow = await api.post('/kyc/workflows', BASIC_WORKFLOW);
    const created = await api.post('/kyc/sessions', {
      workflow_id: workflow.body.data.workflow_id,
      metadata: { user_email: 'secret.person@example.com' },
    });
    const { session_id: id, access_token: token } = created.body.data;
    await completeBasicSession(platform.url, token);
    await api.post(`/kyc/sessions/${id}/corrections`, {
      corrections: [{ step_id: 'personal_info', field_ids: ['full_name'], message: 'Use your legal name, John Doe.' }],
    });
    const user = new ApiClient(platform.url);
    await user.put(`/public/api/sessions/${token}/steps/personal_info/form`, { values: { full_name: 'John A. Doe', date_of_birth: '1990-01-15' } });
    await user.post(`/public/api/sessions/${token}/steps/personal_info/complete`);
    await api.patch(`/kyc/sessions/${id}`, { status: 'approved', notes: 'Checked against the passport of John Doe' });

    const trail = (await api.get(`/kyc/sessions/${id}/events`)).body.data.events as { event_id: string; type: string }[];
    await platform.relay.waitUntilCaughtUp();
    await platform.bus.waitUntilIdle();
    await subscription.close();

    const ofSession = received.filter((event) => event.session_id === id);
    expect(ofSession.map((e) => e.event_id)).toEqual(trail.map((e) => e.event_id));
    expect(ofSession.map((e) => e.version)).toEqual(trail.map((_, index) => index + 1));
    for (const event of ofSession) {
      expect(event).toMatchObject({ session_id: id, workflow_id: workflow.body.data.workflow_id, custom_tags: { department: 'onboarding', region: 'latam' } });
    }
    const form = ofSession.find((e) => e.type === 'FormSubmitted');
    expect(form?.data).toMatchObject({ step_id: 'personal_info' });
    expect((form?.data as { field_ids: string[] }).field_ids.sort()).toEqual(['date_of_birth', 'email', 'full_name']);
    // Every message is valid against the payload schema of docs/asyncapi.yaml.
    const validate = sessionEventValidatorFromAsyncApi();
    for (const event of ofSession) expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    const published = JSON.stringify(ofSession);
    for (const personal of ['secret.person@example.com', 'John', '1990-01-15', 'id.png', 'passport of', '$pii', token]) {
      expect(published).not.toContain(personal);
    }
  });
});
