import { describe, expect, it } from 'vitest';
import * as contracts from '@kyc/contracts';
import * as session from '@kyc/session-domain';
import * as workflow from '@kyc/workflow-domain';

// The public contract keeps its own copies of these values so that it depends on nothing internal; this is
// what keeps the copies honest.
describe('values the public contract mirrors from the domain', () => {
  it('are the same lists', () => {
    expect(contracts.SESSION_STATUSES).toEqual(session.SESSION_STATUSES);
    expect(contracts.PRIORITIES).toEqual(session.PRIORITIES);
    expect(contracts.DOCUMENT_TYPES).toEqual(workflow.DOCUMENT_TYPES);
    expect(contracts.RISK_LEVELS).toEqual(session.RISK_LEVELS);
    expect(contracts.AUTOMATIC_DECISIONS).toEqual(session.AUTOMATIC_DECISIONS);
  });
});
