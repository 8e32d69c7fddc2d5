/**
 * `npm run eval:documents`: MRZ extraction accuracy on the synthetic documents (clean and degraded, every field
 * and every check digit right) and face-match false accepts / false rejects on the demo-photo pairs.
 */
import 'reflect-metadata';
import { printTable } from '../bench/bench-support';
import { runFaceEval } from './face-eval';
import { formatMrzEval, runMrzEval } from './mrz-eval';

async function main(): Promise<void> {
  console.log('## MRZ extraction (synthetic ID cards and passports)\n');
  for (const line of formatMrzEval(await runMrzEval())) console.log(line);

  const faces = await runFaceEval();
  console.log(`\n## Face match (${faces.subjects} subjects from the face library's demo photos, detector ${faces.detector})\n`);
  printTable(
    ['measure', 'value:'],
    [
      ['threshold (confidence) / distance', `${faces.threshold} / ${faces.thresholdDistance.toFixed(3)}`],
      ['reject below (confidence) / distance', `${faces.rejectBelow} / ${faces.rejectDistance.toFixed(3)}`],
      ['false accepts (different people matched)', `${faces.falseAccepts} of ${faces.different.pairs}`],
      ['false rejects (same person not matched or no face)', `${faces.falseRejects} of ${faces.same.pairs}`],
      ['sent to review (inconclusive)', String(faces.inconclusive)],
      ['cold start ms', faces.timings.coldStartMs.toFixed(0)],
      ['compare ms p50 / max', `${faces.timings.compareMsP50.toFixed(0)} / ${faces.timings.compareMsMax.toFixed(0)}`],
      ['RSS MiB after init / at the end', `${faces.memory.rssAfterInitMiB.toFixed(0)} / ${faces.memory.rssMiB.toFixed(0)}`],
    ],
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
