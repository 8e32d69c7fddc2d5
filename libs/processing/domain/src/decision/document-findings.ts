import type { CrossValidationIssue, CrossValidationResult, DocumentExtraction } from '@kyc/session-domain';
import type { DecisionRules } from '@kyc/workflow-domain';
import { finding, listed, plural, type Finding } from './decision-finding';
import { repeatedWeight } from './risk-score';
import { DECISION_RISK_WEIGHTS as WEIGHTS } from './risk-weights';

/**
 * The cross-validation codes the decision recognises by name, because the workflow gives them their own rule.
 * Every other cross-validation issue is decided generically from whether it is an error or a warning, so that
 * new cross-validation codes need no change here.
 */
const EXPIRED_CODE = 'document_expired';
const CHECK_DIGITS_CODE = 'check_digits_failed';

/** What the extraction and the cross-validation found about the identity documents. */
export function documentFindings(
  extractions: Record<string, DocumentExtraction>,
  crossValidation: CrossValidationResult,
  rules: DecisionRules,
): Finding[] {
  const documents = Object.values(extractions);
  const unreadable = documents.filter((doc) => doc.status === 'failed');
  const badDigits = documents.filter((doc) => doc.status === 'extracted' && !doc.check_digits_valid);
  const errors = crossValidation.errors ?? [];
  const warnings = crossValidation.warnings ?? [];
  const expired = errors.filter((issue) => issue.code === EXPIRED_CODE);
  const digitIssues = errors.filter((issue) => issue.code === CHECK_DIGITS_CODE);
  const otherErrors = errors.filter(
    (issue) => issue.code !== EXPIRED_CODE && issue.code !== CHECK_DIGITS_CODE,
  );
  const findings: Finding[] = [];

  if (unreadable.length > 0) {
    const causes = listed(unreadable.map((doc) => doc.error?.code ?? 'unknown'));
    findings.push(
      finding(
        'document_unreadable',
        'extraction',
        rules.on.document_unreadable,
        `${unreadable.length} of ${plural(documents.length, 'identity document')} could not be read (${causes}).`,
        repeatedWeight(WEIGHTS.document_unreadable, unreadable.length),
      ),
    );
  }
  if (expired.length > 0) {
    findings.push(
      finding(
        'document_expired',
        'cross_validation',
        rules.on.document_expired,
        `${plural(expired.length, 'identity document')} expired (${fieldsOf(expired)}).`,
        repeatedWeight(WEIGHTS.document_expired, expired.length),
      ),
    );
  }
  if (badDigits.length > 0 || digitIssues.length > 0) {
    // Both the extraction and the cross-validation may report the same failed zone: count the larger report.
    const count = Math.max(badDigits.length, digitIssues.length);
    const failed = badDigits.length > 0 ? badDigits.flatMap((doc) => doc.failed_checks) : [];
    const detail = failed.length > 0 ? listed(failed) : fieldsOf(digitIssues);
    findings.push(
      finding(
        'check_digits_failed',
        badDigits.length > 0 ? 'extraction' : 'cross_validation',
        rules.on.check_digits_failed,
        `Check digits of the machine-readable zone failed on ${plural(count, 'document')} (${detail}).`,
        repeatedWeight(WEIGHTS.check_digits_failed, count),
      ),
    );
  }
  // A failed status with no error listed still failed; a warning status with no warning listed still warns.
  const errorCount = Math.max(
    otherErrors.length,
    crossValidation.status === 'failed' && errors.length === 0 ? 1 : 0,
  );
  if (errorCount > 0) {
    findings.push(
      finding(
        'cross_validation_error',
        'cross_validation',
        rules.on.cross_validation_error,
        `Cross-validation found ${plural(errorCount, 'error')} (${issuesOf(otherErrors)}).`,
        repeatedWeight(WEIGHTS.cross_validation_error, errorCount),
      ),
    );
  }
  const warningCount = Math.max(warnings.length, crossValidation.status === 'warning' ? 1 : 0);
  if (warningCount > 0) {
    findings.push(
      finding(
        'cross_validation_warning',
        'cross_validation',
        rules.on.cross_validation_warning,
        `Cross-validation found ${plural(warningCount, 'warning')} (${issuesOf(warnings)}).`,
        repeatedWeight(WEIGHTS.cross_validation_warning, warningCount),
      ),
    );
  }
  return findings;
}

/** Codes and field paths only: the issues' own messages may quote the customer's data. */
function issuesOf(issues: readonly CrossValidationIssue[]): string {
  return issues.length === 0
    ? 'none listed'
    : listed(issues.map((issue) => `${issue.code} on ${issue.field}`));
}

function fieldsOf(issues: readonly CrossValidationIssue[]): string {
  return listed(issues.map((issue) => issue.field));
}
