import { randomUUID } from 'node:crypto';
import type { CommandOrigin, SessionCommands } from '@kyc/session-application';
import { SessionDomainError } from '@kyc/session-domain';
import { WorkflowDomainError } from '@kyc/workflow-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionApplication, type SessionApplicationFixture } from './session-application.fixture';

export interface SessionCommandsUnderTest {
  commands: SessionCommands;
  close(): Promise<void>;
}

const UBO_WORKFLOW = {
  name: 'UBO',
  steps: [{ step_id: 'personal_info', type: 'form', fields: [{ field_id: 'full_name', name: 'Full Name', type: 'name', required: true }] }],
};

const companyWorkflow = (uboWorkflowId: string) => ({
  name: 'Company',
  steps: [
    { step_id: 'personal_info', type: 'form', fields: [{ field_id: 'full_name', name: 'Full Name', type: 'name', required: true }] },
    { step_id: 'ubos', type: 'subsessions', workflow_id: uboWorkflowId, min: 0, max: 3 },
  ],
  custom_tags: { team: 'contract' },
});

/**
 * What every SessionCommands adapter must do: the same results, positions and refusals as the session
 * application itself, whether it runs in the caller's process or behind a transport.
 */
export function sessionCommandsContract(name: string, connect: (fixture: SessionApplicationFixture) => Promise<SessionCommandsUnderTest>): void {
  describe(`SessionCommands contract: ${name}`, () => {
    let fixture: SessionApplicationFixture;
    let underTest: SessionCommandsUnderTest;
    let commands: SessionCommands;
    const tenant = `tenant-${randomUUID()}`;
    const origin: CommandOrigin = { actor: { type: 'api_key', id: 'key-contract' }, tenant_id: tenant, correlation_id: randomUUID() };
    let companyWorkflowId: string;

    beforeAll(async () => {
      fixture = await openSessionApplication();
      underTest = await connect(fixture);
      commands = underTest.commands;
      const uboId = randomUUID();
      await commands.handleWorkflow(uboId, { type: 'CreateWorkflow', workflow_id: uboId, tenant_id: tenant, body: UBO_WORKFLOW as never }, origin, { expectNew: true });
      companyWorkflowId = randomUUID();
      const created = await commands.handleWorkflow(
        companyWorkflowId,
        { type: 'CreateWorkflow', workflow_id: companyWorkflowId, tenant_id: tenant, body: companyWorkflow(uboId) as never },
        origin,
        { expectNew: true },
      );
      expect(created.state.exists && created.state.versions).toHaveLength(1);
    });

    afterAll(async () => {
      await underTest?.close();
      await fixture?.cleanup();
    });

    it('creates a session and answers its state, events, version and global position', async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId, customer_id: 'cust-1', metadata: { plan: 'gold' } }, origin);
      expect(created.state.exists).toBe(true);
      if (!created.state.exists) return;
      expect(created.state.status).toBe('active');
      expect(created.state.customer_id).toBe('cust-1');
      expect(created.state.metadata).toEqual({ plan: 'gold' });
      expect(created.events.map((e) => e.type)).toEqual(['SessionCreated']);
      expect(created.version).toBe(1);
      expect(typeof created.position).toBe('bigint');
      const stored = await fixture.store.readStream(`session-${created.state.session_id}`);
      expect(stored.at(-1)?.position).toBe(created.position);
    });

    it('applies a command to a session and moves its version and position on', async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      const id = created.state.exists ? created.state.session_id : '';
      const updated = await commands.handleSession(id, { type: 'UpdateReview', priority: 'high', notes: 'checked' }, origin);
      expect(updated.state.exists && updated.state.priority).toBe('high');
      expect(updated.version).toBe(created.version + updated.events.length);
      expect(updated.position! > created.position!).toBe(true);
    });

    it('answers a command that changes nothing with no events and a null position', async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId, priority: 'low' }, origin);
      const id = created.state.exists ? created.state.session_id : '';
      const same = await commands.handleSession(id, { type: 'UpdateReview', priority: 'low' }, origin);
      expect(same.events).toEqual([]);
      expect(same.position).toBeNull();
    });

    it('refuses with the domain error class, code and field details', async () => {
      const missing = await commands.createSession({ workflow_id: randomUUID() }, origin).catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(SessionDomainError);
      expect(missing).toMatchObject({ code: 'not_found', details: [{ field: 'workflow_id' }] });

      const created = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      const id = created.state.exists ? created.state.session_id : '';
      const refused = await commands.handleSession(id, { type: 'ExtendSession', extend_days: 0, comment: null }, origin).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SessionDomainError);
      expect((refused as SessionDomainError).code).toBe('validation_failed');
      expect((refused as SessionDomainError).details[0]?.field).toBe('extend_days');
    });

    it('refuses an invalid workflow with a WorkflowDomainError naming the field', async () => {
      const id = randomUUID();
      const refused = await commands
        .handleWorkflow(id, { type: 'CreateWorkflow', workflow_id: id, tenant_id: tenant, body: { name: '', steps: [] } as never }, origin, { expectNew: true })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowDomainError);
      expect((refused as WorkflowDomainError).code).toBe('validation_failed');
      expect((refused as WorkflowDomainError).details.map((d) => d.field)).toContain('name');
    });

    it('keeps every one of concurrent commands on one session (conflicts are decided again)', async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      const id = created.state.exists ? created.state.session_id : '';
      await Promise.all(
        Array.from({ length: 4 }, (_, i) => commands.handleSession(id, { type: 'UpdateReview', notes: `note ${i}` }, origin)),
      );
      const stored = await fixture.store.readStream(`session-${id}`);
      expect(stored.filter((e) => e.type === 'ReviewUpdated')).toHaveLength(4);
    });

    it('regenerates a link: a new token and a position', async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      if (!created.state.exists) throw new Error('not created');
      const regenerated = await commands.regenerateLink(created.state.session_id, origin);
      expect(regenerated.session.access_token).not.toBe(created.state.access_token);
      expect(typeof regenerated.position).toBe('bigint');
    });

    it('creates and deletes subsessions, and deletes a session with its subsessions', async () => {
      const parent = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      const parentId = parent.state.exists ? parent.state.session_id : '';
      const first = await commands.createSubsession(parentId, { step_id: 'ubos', label: 'Jane' }, origin);
      const second = await commands.createSubsession(parentId, { step_id: 'ubos', label: 'John' }, origin);
      const firstId = first.state.exists ? first.state.session_id : '';
      const secondId = second.state.exists ? second.state.session_id : '';
      expect(first.state.exists && first.state.parent?.session_id).toBe(parentId);

      expect(typeof (await commands.deleteSubsession(parentId, firstId, origin))).toBe('bigint');
      expect((await fixture.application.findSession(tenant, firstId))).toBeNull();

      expect(typeof (await commands.deleteSession(parentId, origin))).toBe('bigint');
      expect(await fixture.application.findSession(tenant, parentId)).toBeNull();
      expect(await fixture.application.findSession(tenant, secondId)).toBeNull();
    });

    it("treats another tenant's session as not found", async () => {
      const created = await commands.createSession({ workflow_id: companyWorkflowId }, origin);
      const id = created.state.exists ? created.state.session_id : '';
      const stranger: CommandOrigin = { ...origin, tenant_id: `tenant-${randomUUID()}` };
      for (const attempt of [
        () => commands.deleteSession(id, stranger),
        () => commands.createSubsession(id, { step_id: 'ubos', label: 'X' }, stranger),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionDomainError);
        expect((error as SessionDomainError).code).toBe('not_found');
      }
      expect(await fixture.application.findSession(tenant, id)).not.toBeNull();
    });
  });
}
