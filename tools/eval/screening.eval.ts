/**
 * `npm run eval:screening`: loads every shipped list, builds the name index and reports on the labelled sets in
 * data/sanctions/eval: recall and false-positive rate at the engine's threshold, overall and per category, the
 * token Jaro-Winkler baseline measured in the same run, a threshold sweep, the crypto-address figures, and how
 * the name score ranks OFAC's own search scores.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultListFiles, loadSanctionsLists } from '@kyc/screening-adapters';
import {
  compareNames,
  CryptoAddressIndex,
  cryptoEvalReport,
  type CryptoEvalRow,
  DEFAULT_MATCH_THRESHOLD,
  NameScreeningIndex,
} from '@kyc/screening-domain';
import { JaroWinklerBaseline } from './jaro-winkler-baseline';
import {
  type CategoryFigures,
  evaluate,
  falsePositiveRate,
  readEvalRows,
  recall,
  RECALL_DEPTH,
} from './name-eval-set';
import { readOfacScores, spearman } from './ofac-calibration';

const DATA = resolve(__dirname, '../../data/sanctions');
const BASELINE_THRESHOLD = 0.88;
const SWEEP = [0.7, 0.75, 0.78, 0.8, 0.82, 0.85, 0.88, 0.9];

function pct(value: number): string {
  return Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)} %`;
}

function row(f: CategoryFigures): string[] {
  return [
    f.category,
    f.positives === 0 ? '-' : `${f.recalled}/${f.positives}`,
    pct(recall(f)),
    f.negatives === 0 ? '-' : `${f.falsePositives}/${f.negatives}`,
    pct(falsePositiveRate(f)),
  ];
}

function table(headers: string[], rows: string[][]): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

async function main(): Promise<void> {
  let started = performance.now();
  const snapshots = await loadSanctionsLists(defaultListFiles(DATA));
  const entities = snapshots.flatMap((snapshot) => snapshot.entities);
  const loadMs = performance.now() - started;
  started = performance.now();
  const index = NameScreeningIndex.build(entities);
  const indexMs = performance.now() - started;
  console.log(
    `Lists: ${snapshots.map((s) => `${s.list} ${s.entities.length}`).join(', ')}; loaded in ${loadMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(0)} ms.\n`,
  );

  const rows = readEvalRows(resolve(DATA, 'eval/eval-names.dev.jsonl'));
  const engine = (query: string) =>
    index
      .search({ name: query, limit: RECALL_DEPTH, minScore: 0 })
      .map((m) => ({ id: m.entity.id, score: m.score }));
  const cached = new Map(rows.map((r) => [r.query, engine(r.query)]));
  const search = (query: string) => cached.get(query) ?? engine(query);
  const figures = evaluate(rows, search, DEFAULT_MATCH_THRESHOLD);

  started = performance.now();
  const baselineIndex = new JaroWinklerBaseline(entities);
  const baselineHits = new Map(rows.map((r) => [r.query, baselineIndex.search(r.query, RECALL_DEPTH)]));
  const baselineMs = performance.now() - started;
  const baseline = evaluate(rows, (query) => baselineHits.get(query) ?? [], BASELINE_THRESHOLD);

  console.log(`## Names: eval-names.dev.jsonl (${rows.length} rows), threshold ${DEFAULT_MATCH_THRESHOLD}\n`);
  const baselineOf = new Map(baseline.categories.map((c) => [c.category, c]));
  table(
    [
      'category',
      'recalled',
      'recall',
      'false pos.',
      'FP rate',
      `baseline recall @${BASELINE_THRESHOLD}`,
      'baseline FP',
    ],
    [...figures.categories, figures.overall].map((f) => {
      const b = f.category === 'overall' ? baseline.overall : baselineOf.get(f.category);
      return [...row(f), b ? pct(recall(b)) : '-', b ? pct(falsePositiveRate(b)) : '-'];
    }),
  );
  console.log(
    `\n(Baseline: exhaustive token Jaro-Winkler, full scan, ${baselineMs.toFixed(0)} ms for all queries.)\n`,
  );

  console.log('## Threshold sweep\n');
  table(
    ['threshold', 'engine recall', 'engine FP', 'baseline recall', 'baseline FP'],
    SWEEP.map((t) => {
      const e = evaluate(rows, search, t).overall;
      const b = evaluate(rows, (query) => baselineHits.get(query) ?? [], t).overall;
      return [
        String(t),
        pct(recall(e)),
        pct(falsePositiveRate(e)),
        pct(recall(b)),
        pct(falsePositiveRate(b)),
      ];
    }),
  );

  console.log(`\n## Misses and false positives at ${DEFAULT_MATCH_THRESHOLD}\n`);
  for (const { row: r, hits } of figures.failures) {
    const top = search(r.query)
      .slice(0, 3)
      .map((h) => `${h.id} ${h.score.toFixed(3)}`)
      .join(', ');
    console.log(
      `- [${r.category}] "${r.query}" expected [${r.expected_entity_ids.join(', ')}]; above threshold: ${hits.length}; top: ${top}`,
    );
  }

  console.log('\n## Crypto addresses: eval-crypto.dev.jsonl\n');
  const cryptoRows = readFileSync(resolve(DATA, 'eval/eval-crypto.dev.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CryptoEvalRow);
  const crypto = cryptoEvalReport(cryptoRows, CryptoAddressIndex.build(entities));
  console.log(
    `passed ${crypto.passed}/${crypto.total}; recall ${pct(crypto.recall ?? Number.NaN)}, false positives ${crypto.falsePositives}/${crypto.negatives}`,
  );
  for (const failure of crypto.failures)
    console.log(
      `- [${failure.category}] ${failure.query}: expected [${failure.expected.join(', ')}], found [${failure.found.join(', ')}]`,
    );

  console.log('\n## Calibration against OFAC Sanctions List Search scores\n');
  const ofac = readOfacScores(resolve(DATA, 'reference/ofac-sls-scores.csv'));
  const ours = ofac.map((r) => compareNames(r.query, r.result).score);
  console.log(
    `${ofac.length} (query, listed name) pairs; Spearman rank correlation with OFAC's score: ${spearman(
      ours,
      ofac.map((r) => r.ofacScore),
    ).toFixed(3)}`,
  );
  const bands = [100, 95, 90, 85, 80];
  table(
    ['OFAC score', 'pairs', 'our mean score', 'at/above our threshold'],
    bands.map((low, k) => {
      const high = k === 0 ? 101 : bands[k - 1];
      const picked = ofac
        .map((r, i) => ({ r, s: ours[i] }))
        .filter(({ r }) => r.ofacScore >= low && r.ofacScore < high);
      const mean = picked.reduce((sum, p) => sum + p.s, 0) / Math.max(1, picked.length);
      return [
        k === 0 ? '100' : `${low}-${high - 1}`,
        String(picked.length),
        picked.length ? mean.toFixed(3) : '-',
        String(picked.filter((p) => p.s >= DEFAULT_MATCH_THRESHOLD).length),
      ];
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
