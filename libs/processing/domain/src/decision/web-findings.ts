import type { WebValidationResult } from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';
import { finding, listed, plural, type Finding } from './decision-finding';
import { repeatedWeight } from './risk-score';
import { DECISION_RISK_WEIGHTS as WEIGHTS } from './risk-weights';

/** Websites that did not validate; named by their form field, never by the address the customer typed. */
export function webFindings(results: readonly WebValidationResult[], rules: DecisionRules): Finding[] {
  const invalid = results.filter((result) => result.status !== 'valid');
  if (invalid.length === 0) return [];
  const details = listed(
    invalid.map((result) => `${result.code ?? result.status} on ${result.step_id}.${result.field_id}`),
  );
  return [
    finding(
      'web_invalid',
      'web',
      rules.on.web_invalid,
      `${invalid.length} of ${plural(results.length, 'website')} did not validate (${details}).`,
      repeatedWeight(WEIGHTS.web_invalid, invalid.length),
    ),
  ];
}
