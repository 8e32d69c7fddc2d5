/**
 * `npm run bench:screening`: the name-screening engine with every shipped list loaded. Measures list load +
 * index build (time, heap and RSS growth) and single-query latency (p50/p99) over a realistic mix: the
 * labelled evaluation queries plus listed names with a typo, sequentially on one core. Then the same queries
 * through the HTTP endpoint of the embedded platform: at a fixed 200 requests/s and flat out, against the
 * server's own GET /health as the ceiling of the HTTP stack on this machine.
 */
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultListFiles, loadSanctionsLists } from '@kyc/screening-adapters';
import { NameScreeningIndex, type SanctionedEntity } from '@kyc/screening-domain';
import { readEvalRows } from '../eval/name-eval-set';
import { distributionOf, ms, printTable } from './bench-support';
import { screeningHttpResults } from './screening-http';

const DATA = resolve(__dirname, '../../data/sanctions');
const LISTED_QUERIES = Number(process.env.BENCH_LISTED_QUERIES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MB = 1024 * 1024;
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

// Heap figures mean little without a collection first; the flag must be set before `gc` is looked up.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** A seeded generator, so every run measures the same queries. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** One typing error (drop, swap, double or change a letter) inside a word of five letters or more. */
function withTypo(name: string, random: () => number): string {
  const words = name.split(' ');
  const long = words.map((word, i) => ({ word, i })).filter(({ word }) => word.length >= 5);
  if (long.length === 0) return name;
  const { word, i } = long[Math.floor(random() * long.length)];
  const at = 1 + Math.floor(random() * (word.length - 2));
  const edits = [
    () => word.slice(0, at) + word.slice(at + 1),
    () => word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
    () => word.slice(0, at) + word[at] + word.slice(at),
    () => word.slice(0, at) + 'aeiou'[Math.floor(random() * 5)] + word.slice(at + 1),
  ];
  words[i] = edits[Math.floor(random() * edits.length)]();
  return words.join(' ');
}

function listedQueries(entities: readonly SanctionedEntity[], count: number): string[] {
  const random = seeded(20231228);
  return Array.from({ length: count }, () => {
    const entity = entities[Math.floor(random() * entities.length)];
    const names = [entity.name, ...entity.aliases.map((alias) => alias.name)];
    const name = names[Math.floor(random() * names.length)].replace(/,/g, '');
    return random() < 0.5 ? withTypo(name, random) : name;
  });
}

async function main(): Promise<void> {
  collect();
  const before = process.memoryUsage();
  const started = performance.now();
  const snapshots = await loadSanctionsLists(defaultListFiles(DATA));
  const entities = snapshots.flatMap((snapshot) => snapshot.entities);
  const loaded = performance.now();
  const index = NameScreeningIndex.build(entities);
  const built = performance.now();
  collect();
  const after = process.memoryUsage();

  console.log(
    `## List load and index (${index.size} entities: ${snapshots.map((s) => `${s.list} ${s.entities.length}`).join(', ')})\n`,
  );
  printTable(
    ['step', 'time ms:', 'target'],
    [
      ['load and parse lists', ms(loaded - started), ''],
      ['build name index', ms(built - loaded), ''],
      ['total', ms(built - started), '<= 3000'],
    ],
  );
  console.log('');
  printTable(
    ['memory after load + index', 'MB:', 'target'],
    [
      ['heap used growth (after GC)', ((after.heapUsed - before.heapUsed) / MB).toFixed(0), ''],
      ['RSS growth', ((after.rss - before.rss) / MB).toFixed(0), '<= 300'],
      ['RSS total', (after.rss / MB).toFixed(0), ''],
    ],
  );

  const evalQueries = readEvalRows(resolve(DATA, 'eval/eval-names.dev.jsonl')).map((row) => row.query);
  const queries = [...evalQueries, ...listedQueries(entities, LISTED_QUERIES)];
  for (const query of queries.slice(0, 200)) index.search({ name: query });
  const latencies: number[] = [];
  let hits = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      const start = performance.now();
      hits += index.search({ name: query }).length;
      latencies.push(performance.now() - start);
    }
  }
  const { count, p50, p99, max } = distributionOf(latencies);
  console.log(
    `\n## Single-query latency (${queries.length} queries: ${evalQueries.length} evaluation, ${LISTED_QUERIES} listed names, half with a typo; ${ROUNDS} rounds)\n`,
  );
  printTable(
    ['queries', 'p50 ms:', 'p99 ms:', 'max ms:', 'queries/s (one core):', 'target'],
    [
      [
        String(count),
        p50.toFixed(2),
        p99.toFixed(2),
        max.toFixed(1),
        (count / (latencies.reduce((a, b) => a + b, 0) / 1000)).toFixed(0),
        'p50 <= 5, p99 <= 25',
      ],
    ],
  );
  console.log(`\n(${(hits / count).toFixed(2)} hits at or above the threshold per query on average.)`);

  console.log(`\n## Through HTTP: GET /kyc/screening/search, embedded platform, evaluation queries in turn (${HTTP_SECONDS} s each)\n`);
  const http = await screeningHttpResults(HTTP_SECONDS);
  printTable(
    ['measure', 'requests/s:', 'p50 ms:', 'p99 ms:', 'target'],
    http.map((result, i) => [
      result.name,
      result.perSecond.toFixed(0),
      result.p50.toFixed(1),
      result.p99.toFixed(1),
      i === 0 ? '' : '>= 200 requests/s with p99 <= 50',
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
