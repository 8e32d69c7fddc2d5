/**
 * The load generator of the screening HTTP benchmark, run as its own process so that it does not compete with
 * the server for its event loop: GET /kyc/screening/search with the evaluation set's queries in turn.
 * Arguments: <base url> <api key> <seconds> <connections> <overall rate per second, 0 = as fast as possible>.
 * Prints autocannon's JSON result.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';

const [baseUrl, key, seconds, connections, rate] = process.argv.slice(2);
const queries = readFileSync(resolve(__dirname, '../../data/sanctions/eval/eval-names.dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { query: string }).query);

let next = 0;
const instance = autocannon(
  {
    url: baseUrl,
    connections: Number(connections),
    duration: Number(seconds),
    ...(Number(rate) > 0 ? { overallRate: Number(rate) } : {}),
    headers: { authorization: `Bearer ${key}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/kyc/screening/search?name=${encodeURIComponent(queries[next++ % queries.length])}`,
        }),
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    process.stdout.write(JSON.stringify(result));
  },
);
process.once('SIGINT', () => instance.stop());
