/**
 * What an adverse article can accuse a person of. The set follows the FATF's designated categories of
 * predicate offences, folded into the groups a KYC reviewer acts on (market abuse and embezzlement-like
 * offences under `financial_crime`, extortion and racketeering under `organised_crime`).
 */
export const RISK_CATEGORIES = [
  'financial_crime',
  'fraud',
  'corruption',
  'terrorism',
  'sanctions_evasion',
  'money_laundering',
  'organised_crime',
  'drug_trafficking',
  'human_trafficking',
  'arms_trafficking',
  'cybercrime',
  'tax_evasion',
  'violent_crime',
] as const;

export type RiskCategory = (typeof RISK_CATEGORIES)[number];

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(RISK_CATEGORIES);

export function isRiskCategory(value: unknown): value is RiskCategory {
  return typeof value === 'string' && KNOWN_CATEGORIES.has(value);
}

/**
 * How much one category weighs in a risk score (0..1). The offences a regulated firm may never facilitate
 * (terrorism, sanctions evasion, trafficking, laundering) weigh most; offences that matter for a customer
 * relationship but rarely end it on their own (tax evasion, violent crime unrelated to finance) weigh least.
 */
export const CATEGORY_SEVERITY: Readonly<Record<RiskCategory, number>> = {
  terrorism: 1,
  sanctions_evasion: 0.95,
  human_trafficking: 0.95,
  arms_trafficking: 0.95,
  money_laundering: 0.9,
  drug_trafficking: 0.9,
  organised_crime: 0.9,
  corruption: 0.85,
  fraud: 0.8,
  financial_crime: 0.75,
  cybercrime: 0.75,
  tax_evasion: 0.7,
  violent_crime: 0.7,
};
