import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine } from '@kyc/documents-adapters';
import {
  augment,
  cutSubjects,
  demoPhotoPath,
  type FaceEvalFigures,
  runFaceEval,
  type Subject,
} from './face-eval';

describe('face match evaluation on a small pair set', () => {
  let figures: FaceEvalFigures;

  beforeAll(async () => {
    // sample4.jpg holds the closest pair of different people of the demo set.
    figures = await runFaceEval({
      photos: [4],
      augmentations: ['printed_card', 'rotated'],
      timedComparisons: 1,
    });
  }, 120_000);

  it('accepts no pair of different people at the default threshold', () => {
    expect(figures.different.pairs).toBeGreaterThanOrEqual(20);
    expect(figures.falseAccepts).toBe(0);
    for (const pair of figures.closestDifferentPairs)
      expect(pair.distance).toBeGreaterThan(figures.thresholdDistance);
  });

  it('matches most degraded copies of the same face and rejects none of them outright', () => {
    expect(figures.same.pairs).toBeGreaterThanOrEqual(6);
    expect(figures.same.matched / figures.same.pairs).toBeGreaterThanOrEqual(0.75);
    expect(figures.same.notMatched).toBe(0);
  });

  it('reports the figures the benchmark notes need', () => {
    expect(figures.timings.coldStartMs).toBeGreaterThan(0);
    expect(figures.timings.compareMsP50).toBeGreaterThan(0);
    expect(figures.memory.rssAfterInitMiB).toBeGreaterThan(0);
    expect(figures.thresholdDistance).toBeLessThan(figures.rejectDistance);
  });
});

describe('face match without exactly one face per picture', () => {
  const engine = new FaceEngine();
  let subject: Subject;
  let card: Buffer;
  const group = readFileSync(demoPhotoPath(1));
  const noFace = () =>
    sharp({ create: { width: 640, height: 480, channels: 3, background: '#6b8e5a' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect x="80" y="60" width="300" height="200" fill="#c9a36b"/><circle cx="500" cy="340" r="90" fill="#3b4f7a"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();

  beforeAll(async () => {
    await engine.init();
    [subject] = await cutSubjects(engine, 6);
    card = await augment(subject, 'printed_card');
  }, 60_000);

  it('reports no_face, naming the picture, when the document or the selfie has no face', async () => {
    const empty = await noFace();
    expect(await engine.compare(empty, subject.selfie)).toMatchObject({
      status: 'no_face',
      code: 'document_no_face',
      confidence: 0,
    });
    expect(await engine.compare(card, empty)).toMatchObject({
      status: 'no_face',
      code: 'selfie_no_face',
      confidence: 0,
    });
  });

  it('reports multiple_faces when the selfie shows several people', async () => {
    expect(await engine.compare(card, group)).toMatchObject({
      status: 'multiple_faces',
      code: 'selfie_multiple_faces',
    });
  });

  it('reports multiple_faces when a document shows two portraits of the same size', async () => {
    const portrait = await sharp(subject.selfie).resize({ height: 240 }).toBuffer();
    const other = await sharp((await cutSubjects(engine, 3))[0].selfie)
      .resize({ height: 240 })
      .toBuffer();
    const twoPortraits = await sharp({
      create: { width: 856, height: 540, channels: 3, background: '#dde6e2' },
    })
      .composite([
        { input: portrait, left: 40, top: 150 },
        { input: other, left: 480, top: 150 },
      ])
      .jpeg()
      .toBuffer();
    expect(await engine.compare(twoPortraits, subject.selfie)).toMatchObject({
      status: 'multiple_faces',
      code: 'document_multiple_faces',
    });
  });
});
