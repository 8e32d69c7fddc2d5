import { VersionConflictError } from '@kyc/event-store';
import { SessionServiceUnavailableError } from '@kyc/session-application';
import { SessionDomainError } from '@kyc/session-domain';
import { WorkflowDomainError } from '@kyc/workflow-domain';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPERATIONS, decodeError, decodeResult, encodeError, encodeResult, isCommandOperation } from './command-wire';

/** What JSON does to a value on its way through the transport. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('command wire format', () => {
  it('carries global positions as strings and gives them back as bigint', () => {
    const position = 2n ** 60n + 7n;
    const handled = { state: { exists: true }, events: [{ type: 'X' }], version: 3, position };
    const wire = overTheWire(encodeResult('handleSession', handled));
    expect(wire).toEqual({ ok: true, value: { ...handled, position: '1152921504606846983' } });
    expect(decodeResult('handleSession', wire.ok ? wire.value : null)).toEqual(handled);

    const link = overTheWire(encodeResult('regenerateLink', { session: { access_token: 't' }, position: 5n }));
    expect(decodeResult('regenerateLink', link.ok ? link.value : null)).toEqual({ session: { access_token: 't' }, position: 5n });

    const deleted = overTheWire(encodeResult('deleteSession', 9n));
    expect(decodeResult('deleteSession', deleted.ok ? deleted.value : null)).toBe(9n);
    const nothing = overTheWire(encodeResult('deleteSubsession', null));
    expect(decodeResult('deleteSubsession', nothing.ok ? nothing.value : null)).toBeNull();
  });

  it('leaves user data that looks like a tagged value alone', () => {
    const handled = { state: { metadata: { $bigint: '1', position: '2' } }, events: [], version: 1, position: null };
    const wire = overTheWire(encodeResult('createSession', handled));
    expect(decodeResult('createSession', wire.ok ? wire.value : null)).toEqual(handled);
  });

  it('knows every operation of SessionCommands and nothing else', () => {
    expect(COMMAND_OPERATIONS.sort()).toEqual(
      ['createSession', 'createSubsession', 'deleteSession', 'deleteSubsession', 'handleSession', 'handleWorkflow', 'regenerateLink'].sort(),
    );
    expect(isCommandOperation('handleSession')).toBe(true);
    expect(isCommandOperation('constructor')).toBe(false);
    expect(isCommandOperation('toString')).toBe(false);
    expect(isCommandOperation(undefined)).toBe(false);
  });

  it('gives refusals back as their own classes with every field', () => {
    const details = [{ field: 'ttl_days', issue: 'must be between 1 and 90' }];
    const session = decodeError(overTheWire(encodeError(new SessionDomainError('validation_failed', 'bad', details))));
    expect(session).toBeInstanceOf(SessionDomainError);
    expect(session).toMatchObject({ code: 'validation_failed', message: 'bad', details });

    const workflow = decodeError(overTheWire(encodeError(new WorkflowDomainError('not_found', 'no workflow'))));
    expect(workflow).toBeInstanceOf(WorkflowDomainError);
    expect(workflow).toMatchObject({ code: 'not_found', message: 'no workflow', details: [] });

    const conflict = decodeError(overTheWire(encodeError(new VersionConflictError('session-1', 4, 6))));
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict).toMatchObject({ streamId: 'session-1', expected: 4, actual: 6 });

    const stopping = decodeError(overTheWire(encodeError(new SessionServiceUnavailableError('shutting_down', 'stopping'))));
    expect(stopping).toBeInstanceOf(SessionServiceUnavailableError);
    expect(stopping).toMatchObject({ reason: 'shutting_down' });
  });

  it('reports any other failure as a plain error, which the API answers with 500', () => {
    const fault = decodeError(overTheWire(encodeError(new TypeError('x is undefined'))));
    expect(fault.constructor).toBe(Error);
    expect(fault.message).toContain('x is undefined');
  });
});
