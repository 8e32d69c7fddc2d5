/**
 * MRZ extraction accuracy on synthetic documents rendered with the OCR-B font: a clean set and a degraded set
 * (blur, noise, rotation, JPEG, downscale, photographed look), TD1 identity cards and TD3 passports mixed, the
 * ICAO and German specimens first. A document counts as right only when every field equals the truth AND every
 * check digit passed. Reports accuracy per set and per degradation, read time per document (p50/p95), and
 * whether documents printed with a wrong check digit are reported as such.
 *
 * Standalone: `node -r @swc-node/register tools/eval/mrz-eval.ts [--lstm]` (tesseract's legacy engine by
 * default; --lstm measures the LSTM one).
 */
import {
  degradeImage,
  type DegradationKind,
  DEGRADATION_KINDS,
  type MrzDocumentData,
  mrzFixtureDocuments,
  mrzFixtures,
  renderMrzDocument,
  withWrongCheckDigit,
} from '../../libs/documents/adapters/src/testing';
import { type MrzOcrEngineKind, MrzReader } from '@kyc/documents-adapters';
import type { MrzExtraction } from '@kyc/documents-domain';

export interface MrzEvalOptions {
  /** Clean documents (default 40). */
  clean?: number;
  /** Degraded documents, the degradations in rotation (default 48: 8 of each kind). */
  degraded?: number;
  /** Documents with one check digit printed wrong, every other one degraded (default 20). */
  wrongCheckDigit?: number;
  seed?: number;
  engine?: MrzOcrEngineKind;
  /** Reference date of the generated documents and of two-digit years. */
  now?: Date;
  degradations?: readonly DegradationKind[];
  /** Where the report goes, line by line; silent by default (formatMrzEval renders it on demand). */
  log?: (line: string) => void;
}

export interface MrzDocumentOutcome {
  id: string;
  set: 'clean' | 'degraded';
  degradation?: DegradationKind;
  description?: string;
  correct: boolean;
  checkDigitsValid: boolean;
  /** Fields whose value differs from the truth (`field: got / expected`). */
  wrongFields: string[];
  /** Error code when the read threw. */
  error?: string;
  readMs: number;
  rawLines?: readonly string[];
}

export interface MrzSetFigures {
  documents: number;
  correct: number;
  accuracy: number;
  /** Documents with every check digit valid yet a wrong field: errors the check digits did not catch. */
  validButWrong: number;
  p50Ms: number;
  p95Ms: number;
}

export interface MrzEvalFigures {
  engine: MrzOcrEngineKind;
  clean: MrzSetFigures;
  degraded: MrzSetFigures;
  perDegradation: Partial<Record<DegradationKind, MrzSetFigures>>;
  /** Documents printed with a wrong check digit, how many reads reported a failing check digit, and the others. */
  wrongCheckDigit: { documents: number; reported: number; missed: string[] };
  /** Starting the OCR worker (WASM and traineddata load). */
  initMs: number;
  /** Largest resident set size seen during the run. */
  peakRssMiB: number;
  outcomes: MrzDocumentOutcome[];
}

const DEFAULT_NOW = new Date('2025-06-01T00:00:00Z');

function expectedFields(data: MrzDocumentData): Record<string, string> {
  return {
    document_type: data.documentType,
    issuing_country: data.issuingCountry,
    document_number: data.documentNumber,
    surname: data.surname,
    given_names: data.givenNames,
    date_of_birth: data.dateOfBirth,
    expiry_date: data.expiryDate,
    nationality: data.nationality,
    sex: data.sex,
    optional_data: data.optionalData,
  };
}

function wrongFields(extraction: MrzExtraction, data: MrzDocumentData): string[] {
  return Object.entries(expectedFields(data)).flatMap(([field, expected]) => {
    const got = extraction[field as keyof MrzExtraction];
    return got === expected ? [] : [`${field}: ${String(got)} / ${expected}`];
  });
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function figures(outcomes: readonly MrzDocumentOutcome[]): MrzSetFigures {
  const correct = outcomes.filter((o) => o.correct).length;
  const times = outcomes.map((o) => o.readMs);
  return {
    documents: outcomes.length,
    correct,
    accuracy: outcomes.length === 0 ? Number.NaN : correct / outcomes.length,
    validButWrong: outcomes.filter((o) => o.checkDigitsValid && !o.correct).length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
  };
}

async function runSet(
  reader: MrzReader,
  set: MrzDocumentOutcome['set'],
  options: { count: number; seed: number; now: Date; degradations?: readonly DegradationKind[] },
  sampleRss: () => void,
): Promise<MrzDocumentOutcome[]> {
  const outcomes: MrzDocumentOutcome[] = [];
  for await (const fixture of mrzFixtures(options)) {
    const started = performance.now();
    const base = {
      id: fixture.document.id,
      set,
      degradation: fixture.degradation?.kind,
      description: fixture.degradation?.description,
    };
    try {
      const extraction = await reader.read(fixture.image, { now: options.now });
      const wrong = wrongFields(extraction, fixture.document.data);
      const valid = extraction.check_digits.all_valid;
      outcomes.push({
        ...base,
        correct: valid && wrong.length === 0,
        checkDigitsValid: valid,
        wrongFields: wrong,
        readMs: performance.now() - started,
        rawLines: extraction.raw_lines,
      });
    } catch (error) {
      outcomes.push({
        ...base,
        correct: false,
        checkDigitsValid: false,
        wrongFields: [],
        error: String((error as { code?: string }).code ?? (error as Error).message),
        readMs: performance.now() - started,
      });
    }
    sampleRss();
  }
  return outcomes;
}

/** A read of a document printed with a wrong check digit is right when it reports a failing check digit. */
async function runWrongCheckDigitSet(
  reader: MrzReader,
  options: { count: number; seed: number; now: Date; degradations: readonly DegradationKind[] },
): Promise<MrzEvalFigures['wrongCheckDigit']> {
  const documents = mrzFixtureDocuments(options).map((document, i) =>
    withWrongCheckDigit(document, options.seed + i),
  );
  let reported = 0;
  const missed: string[] = [];
  for (const [i, document] of documents.entries()) {
    const clean = await renderMrzDocument(document, { seed: options.seed + i });
    const kind = options.degradations[i % options.degradations.length];
    const image = i % 2 === 1 && kind ? (await degradeImage(clean, kind, options.seed + i)).image : clean;
    try {
      const extraction = await reader.read(image, { now: options.now });
      if (!extraction.check_digits.all_valid) reported++;
      else missed.push(`${document.id}: ${JSON.stringify(extraction.repaired)}`);
    } catch {
      // No extraction at all also keeps the wrong digit from passing.
      reported++;
    }
  }
  return { documents: documents.length, reported, missed };
}

function pct(value: number): string {
  return Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)} %`;
}

/** The report as Markdown lines. */
export function formatMrzEval(result: MrzEvalFigures): string[] {
  const row = (name: string, f: MrzSetFigures): string =>
    `| ${name} | ${f.documents} | ${f.correct} | ${pct(f.accuracy)} | ${f.validButWrong} | ${f.p50Ms.toFixed(0)} | ${f.p95Ms.toFixed(0)} |`;
  const lines = [
    `MRZ extraction, tesseract ${result.engine} engine (worker start ${result.initMs.toFixed(0)} ms, peak RSS ${result.peakRssMiB.toFixed(0)} MiB)`,
    '',
    '| set | documents | right | accuracy | valid but wrong | p50 ms | p95 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('clean', result.clean),
    row('degraded', result.degraded),
    ...Object.entries(result.perDegradation).map(([kind, f]) => row(`- ${kind}`, f as MrzSetFigures)),
    '',
    `Printed with a wrong check digit: ${result.wrongCheckDigit.reported} of ${result.wrongCheckDigit.documents} reported as failing.`,
  ];
  for (const missed of result.wrongCheckDigit.missed)
    lines.push(`- wrong check digit not reported: ${missed}`);
  const failures = result.outcomes.filter((o) => !o.correct);
  if (failures.length > 0) {
    lines.push('', 'Not right:');
    for (const o of failures) {
      const what =
        o.error ?? [...o.wrongFields, ...(o.checkDigitsValid ? [] : ['check digits failed'])].join('; ');
      lines.push(
        `- ${o.set} ${o.id}${o.description ? ` (${o.description})` : ''}: ${what}${o.rawLines ? ` [${o.rawLines.join(' | ')}]` : ''}`,
      );
    }
  }
  return lines;
}

export async function runMrzEval(options: MrzEvalOptions = {}): Promise<MrzEvalFigures> {
  const now = options.now ?? DEFAULT_NOW;
  const seed = options.seed ?? 2025;
  const engine = options.engine ?? 'legacy';
  const degradations = options.degradations ?? DEGRADATION_KINDS;
  let peakRss = process.memoryUsage().rss;
  const sampleRss = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const reader = new MrzReader({ engine });
  const initStarted = performance.now();
  await reader.init();
  const initMs = performance.now() - initStarted;
  try {
    const clean = await runSet(reader, 'clean', { count: options.clean ?? 40, seed, now }, sampleRss);
    const degraded = await runSet(
      reader,
      'degraded',
      { count: options.degraded ?? 48, seed: seed + 1, now, degradations },
      sampleRss,
    );
    const wrongCheckDigit = await runWrongCheckDigitSet(reader, {
      count: options.wrongCheckDigit ?? 20,
      seed: seed + 2,
      now,
      degradations,
    });
    const perDegradation: MrzEvalFigures['perDegradation'] = {};
    for (const kind of degradations)
      perDegradation[kind] = figures(degraded.filter((o) => o.degradation === kind));
    const result: MrzEvalFigures = {
      engine,
      clean: figures(clean),
      degraded: figures(degraded),
      perDegradation,
      wrongCheckDigit,
      initMs,
      peakRssMiB: peakRss / 2 ** 20,
      outcomes: [...clean, ...degraded],
    };
    if (options.log) for (const line of formatMrzEval(result)) options.log(line);
    return result;
  } finally {
    await reader.close();
  }
}

if (require.main === module) {
  const engine = process.argv.includes('--lstm') ? 'lstm' : 'legacy';
  runMrzEval({ engine, log: console.log }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
