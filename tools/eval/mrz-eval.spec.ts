import { describe, expect, it } from 'vitest';
import { formatMrzEval, runMrzEval } from './mrz-eval';

describe('MRZ evaluation (small run)', () => {
  it('reads every clean document and 5 of 6 degraded ones right, and reports wrong check digits', async () => {
    const result = await runMrzEval({ clean: 6, degraded: 6, wrongCheckDigit: 2, seed: 31 });
    const report = formatMrzEval(result).join('\n');
    expect(result.clean.documents, report).toBe(6);
    expect(result.clean.correct, report).toBe(6);
    expect(result.degraded.documents, report).toBe(6);
    expect(result.degraded.correct, report).toBeGreaterThanOrEqual(5);
    expect(Object.keys(result.perDegradation)).toEqual([
      'blur',
      'noise',
      'rotation',
      'jpeg',
      'downscale',
      'photographed',
    ]);
    expect(result.wrongCheckDigit, report).toEqual({ documents: 2, reported: 2, missed: [] });
    expect(report).toContain('| clean | 6 | 6 | 100.0 % |');
  }, 30_000);
});
