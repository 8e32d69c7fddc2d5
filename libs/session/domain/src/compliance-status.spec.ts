import { describe, expect, it } from 'vitest';
import { complianceStatusOf } from './compliance-status';
import { COMPLIANCE_STATUSES, SESSION_STATUSES } from './session-values';

describe('complianceStatusOf (the seed mapping table)', () => {
  it.each([
    ['draft', 'incomplete'],
    ['expired', 'incomplete'],
    ['active', 'pending'],
    ['processing', 'pending'],
    ['manual_review', 'manual_review'],
    ['approved', 'approved'],
    ['rejected', 'rejected'],
    ['awaiting_client_correction', 'remediation'],
    ['completed', 'completed'],
    ['processed', 'completed'],
  ] as const)('maps %s to %s', (status, compliance) => {
    expect(complianceStatusOf(status)).toBe(compliance);
  });

  it('maps every status and reaches every compliance status', () => {
    const reached = new Set(SESSION_STATUSES.map(complianceStatusOf));
    expect([...reached].sort()).toEqual([...COMPLIANCE_STATUSES].sort());
  });
});
