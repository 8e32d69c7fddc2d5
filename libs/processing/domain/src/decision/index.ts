export { decideProcessingOutcome } from './decide-processing-outcome';
export type { Decision, DecisionInput } from './decide-processing-outcome';
export { ADVERSE_MEDIA_RISK_SHARE, DECISION_RISK_WEIGHTS } from './risk-weights';
