import type { CrossValidationIssue, CrossValidationResult } from '@kyc/session-domain';
import { CROSS_VALIDATION_CODES, type CrossValidationCode } from './cross-validation-codes';

/** Collects issues in the order found, each filed under its code's fixed severity. */
export class IssueList {
  private readonly warnings: CrossValidationIssue[] = [];
  private readonly errors: CrossValidationIssue[] = [];

  add(code: CrossValidationCode, field: string, message: string): void {
    const list = CROSS_VALIDATION_CODES[code].severity === 'error' ? this.errors : this.warnings;
    list.push({ code, field, message });
  }

  result(): CrossValidationResult {
    const status = this.errors.length > 0 ? 'failed' : this.warnings.length > 0 ? 'warning' : 'passed';
    return { status, warnings: [...this.warnings], errors: [...this.errors] };
  }
}
