import type { AdverseMediaCheck, ValidationResults } from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';
import { finding, listed, plural, type Finding } from './decision-finding';
import { clampScore, roundScore } from './risk-score';
import { ADVERSE_MEDIA_RISK_SHARE, DECISION_RISK_WEIGHTS as WEIGHTS } from './risk-weights';

/**
 * What the list, crypto and adverse media screening found. `is_match` and `match_count` already leave out
 * dismissed hits; the hits themselves are not named (their subjects are personal data).
 */
export function screeningFindings(
  external: Omit<ValidationResults, 'validated_at'>,
  rules: DecisionRules,
): Finding[] {
  const findings: Finding[] = [];
  const lists = external.lists_check;
  if (lists) {
    const listNames = lists.lists_checked.length > 0 ? ` on ${listed(lists.lists_checked)}` : '';
    if (lists.is_match || lists.match_count > 0) {
      findings.push(
        finding(
          'list_match',
          'lists',
          rules.on.list_match,
          `${plural(Math.max(lists.match_count, 1), 'standing hit')}${listNames}.`,
          WEIGHTS.list_match,
        ),
      );
    } else if (lists.names_checked === 0) {
      // The check ran but had no name to screen: a clean result that proves nothing must not approve silently.
      findings.push(
        finding('lists_no_subject', 'lists', 'flagged', 'The list check had no name to screen.', 0),
      );
    }
  }
  const crypto = external.crypto_check;
  if (crypto && (crypto.is_match || crypto.match_count > 0)) {
    findings.push(
      finding(
        'crypto_match',
        'crypto',
        rules.on.crypto_match,
        `${plural(Math.max(crypto.match_count, 1), 'standing hit')} on sanctioned wallet addresses.`,
        WEIGHTS.crypto_match,
      ),
    );
  }
  const media = external.adverse_media_check;
  if (media) findings.push(...adverseMediaFindings(media, rules));
  return findings;
}

function adverseMediaFindings(media: AdverseMediaCheck, rules: DecisionRules): Finding[] {
  if (media.error) {
    // Nothing was concluded about the press: a person must look, and the score learns nothing.
    return [
      finding(
        'adverse_media_unavailable',
        'adverse_media',
        'manual_review',
        `The adverse media provider could not answer (${media.error}).`,
        0,
      ),
    ];
  }
  const risk = clampScore(media.risk_score);
  const text = `Adverse media ${media.decision} with risk score ${roundScore(risk)} (${plural(media.articles.length, 'article')}).`;
  const weight = ADVERSE_MEDIA_RISK_SHARE * risk;
  if (media.decision === 'REVIEW') {
    return [finding('adverse_media_review', 'adverse_media', rules.on.adverse_media_review, text, weight)];
  }
  // A CLEAR result with some risk still explains part of the score, though it calls for nothing more.
  return risk > 0 ? [finding('adverse_media_clear', 'adverse_media', 'approved', text, weight)] : [];
}
