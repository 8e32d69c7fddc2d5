/**
 * Face match calibration and evaluation on the demo photos shipped inside @vladmandic/face-api (read from
 * node_modules, never copied): every face found in them becomes a subject. Same-person pairs put a subject's
 * face against degraded copies of itself (scaled down, JPEG, rotated, lighter, darker, printed on a card);
 * different-person pairs put every subject against every other one, in the same forms. All pairs are decided
 * with the product's policy, and the figures report where a zero-false-accept threshold lies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { type FaceDetectorName, FaceEngine } from '@kyc/documents-adapters';
import {
  confidenceToDistance,
  DEFAULT_FACE_MATCH_POLICY,
  decideFaceMatch,
  distanceToConfidence,
  type FaceImageRole,
  type FaceMatchPolicy,
  type FaceMatchStatus,
  selectSubjectFace,
} from '@kyc/documents-domain';

export const DEMO_PHOTOS = [1, 2, 3, 4, 5, 6] as const;
const MIB = 2 ** 20;
const SWEEP_DISTANCES = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

export const AUGMENTATIONS = ['scaled_down', 'jpeg', 'rotated', 'lighter', 'darker', 'printed_card'] as const;
export type Augmentation = (typeof AUGMENTATIONS)[number];

export interface FaceEvalOptions {
  /** Which demo photos (sample1..6.jpg) subjects come from. */
  photos?: readonly number[];
  augmentations?: readonly Augmentation[];
  detector?: FaceDetectorName;
  policy?: FaceMatchPolicy;
  /** How many same-person pairs to also run through `FaceEngine.compare` end to end, for timing. */
  timedComparisons?: number;
}

export interface PairOutcomes {
  pairs: number;
  matched: number;
  inconclusive: number;
  notMatched: number;
  /** Pairs where one image had no usable face (no face or several), so nothing was compared. */
  unusable: number;
}

export interface FaceEvalFigures {
  detector: FaceDetectorName;
  subjects: number;
  threshold: number;
  rejectBelow: number;
  /** Descriptor distances at which the policy's confidence thresholds lie. */
  thresholdDistance: number;
  rejectDistance: number;
  same: PairOutcomes;
  different: PairOutcomes;
  /** Different people decided `matched`. */
  falseAccepts: number;
  /** Same person decided `not_matched`, or unusable. */
  falseRejects: number;
  /** Pairs sent to review: same or different person decided `inconclusive`. */
  inconclusive: number;
  perAugmentation: Record<string, PairOutcomes & { maxDistance: number }>;
  /** Pairs accepted if the decision were a plain distance cut at each of these distances. */
  sweep: SweepRow[];
  /** The different-person pairs closest in descriptor distance and the same-person pairs farthest apart. */
  closestDifferentPairs: ExtremePair[];
  farthestSamePairs: ExtremePair[];
  /** Subjects left out because their selfie crop shows a neighbour's face as well (not a valid selfie). */
  skippedSubjects: string[];
  timings: {
    coldStartMs: number;
    /** Detection, landmarks and descriptors of every face in one image. */
    describeMsP50: number;
    describeMsP95: number;
    /** `FaceEngine.compare` on a document image and a selfie. */
    compareMsP50: number;
    compareMsMax: number;
  };
  /** Resident memory once the engine is loaded, and at the end of the run. */
  memory: { rssAfterInitMiB: number; rssMiB: number; heapUsedMiB: number };
}

export interface SweepRow {
  distance: number;
  confidence: number;
  falseAccepts: number;
  /** Same-person pairs at or below the distance, out of all same-person pairs. */
  sameAccepted: number;
}

export interface ExtremePair {
  /** `subject/form` of each side, e.g. `sample4#2/printed_card`. */
  document: string;
  selfie: string;
  distance: number;
}

export interface Subject {
  id: string;
  /** The face cut out of the demo photo with some margin: the "selfie". */
  selfie: Buffer;
}

interface DescribedImage {
  /** `subject/form`, e.g. `sample4#2/printed_card`. */
  label: string;
  subject: string;
  /** Undefined when the picture had no usable face (none, or several). */
  descriptor?: Float32Array;
}

interface DescribedSet {
  selfies: DescribedImage[];
  documents: { form: Augmentation; image: DescribedImage }[];
  skippedSubjects: string[];
  describeMs: number[];
}

interface DecidedPair {
  document: DescribedImage;
  selfie: DescribedImage;
  status: FaceMatchStatus;
  distance?: number;
}

export function demoPhotoPath(photo: number): string {
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', `sample${photo}.jpg`);
}

export async function runFaceEval(options: FaceEvalOptions = {}): Promise<FaceEvalFigures> {
  const policy = options.policy ?? DEFAULT_FACE_MATCH_POLICY;
  const detector = options.detector ?? 'ssd_mobilenet_v1';
  const engine = new FaceEngine({ detector });
  const coldStartMs = await engine.init();
  const rssAfterInit = process.memoryUsage().rss;

  const subjects: Subject[] = [];
  for (const photo of options.photos ?? DEMO_PHOTOS) subjects.push(...(await cutSubjects(engine, photo)));
  const described = await describeSubjects(engine, subjects, options.augmentations ?? AUGMENTATIONS, policy);
  const { samePairs, differentPairs, perAugmentation } = pairUp(described, policy);
  const compareMs = await timeComparisons(engine, subjects.slice(0, options.timedComparisons ?? 5), policy);

  const same = tally(samePairs);
  const different = tally(differentPairs);
  const within = (pairs: DecidedPair[], distance: number) =>
    pairs.filter((pair) => pair.distance !== undefined && pair.distance <= distance).length;
  const memory = process.memoryUsage();
  return {
    detector,
    subjects: described.selfies.length,
    skippedSubjects: described.skippedSubjects,
    threshold: policy.threshold,
    rejectBelow: policy.rejectBelow,
    thresholdDistance: confidenceToDistance(policy.threshold, policy.curve),
    rejectDistance: confidenceToDistance(policy.rejectBelow, policy.curve),
    same,
    different,
    falseAccepts: different.matched,
    falseRejects: same.notMatched + same.unusable,
    inconclusive: same.inconclusive + different.inconclusive,
    perAugmentation,
    sweep: SWEEP_DISTANCES.map((distance) => ({
      distance,
      confidence: distanceToConfidence(distance, policy.curve),
      falseAccepts: within(differentPairs, distance),
      sameAccepted: within(samePairs, distance),
    })),
    closestDifferentPairs: byDistance(differentPairs).slice(0, 5).map(extreme),
    farthestSamePairs: byDistance(samePairs).reverse().slice(0, 5).map(extreme),
    timings: {
      coldStartMs,
      describeMsP50: percentile(described.describeMs, 0.5),
      describeMsP95: percentile(described.describeMs, 0.95),
      compareMsP50: percentile(compareMs, 0.5),
      compareMsMax: Math.max(...compareMs),
    },
    memory: {
      rssAfterInitMiB: rssAfterInit / MIB,
      rssMiB: memory.rss / MIB,
      heapUsedMiB: memory.heapUsed / MIB,
    },
  };
}

/**
 * Describes each subject's selfie and degraded copies, keeping the face the product would pick in each
 * picture. A selfie crop that shows a neighbour's face too is not a valid selfie: its subject is left out.
 */
async function describeSubjects(
  engine: FaceEngine,
  subjects: Subject[],
  augmentations: readonly Augmentation[],
  policy: FaceMatchPolicy,
): Promise<DescribedSet> {
  const set: DescribedSet = { selfies: [], documents: [], skippedSubjects: [], describeMs: [] };
  const describe = async (subject: Subject, form: string, image: Buffer, role: FaceImageRole) => {
    const started = performance.now();
    const { faces } = await engine.describe(image);
    set.describeMs.push(performance.now() - started);
    const picked = selectSubjectFace(faces, role, policy.selection);
    const descriptor = picked.status === 'found' ? picked.face.descriptor : undefined;
    return { label: `${subject.id}/${form}`, subject: subject.id, descriptor };
  };
  for (const subject of subjects) {
    const selfie = await describe(subject, 'selfie', subject.selfie, 'selfie');
    if (!selfie.descriptor) {
      set.skippedSubjects.push(subject.id);
      continue;
    }
    set.selfies.push(selfie);
    for (const form of augmentations) {
      const image = await describe(subject, form, await augment(subject, form), 'document');
      set.documents.push({ form, image });
    }
  }
  return set;
}

/** Every degraded copy against every selfie, plus every pair of selfies (different people at full quality). */
function pairUp({ selfies, documents }: DescribedSet, policy: FaceMatchPolicy) {
  const decide = (document: DescribedImage, selfie: DescribedImage): DecidedPair => {
    if (!document.descriptor || !selfie.descriptor) return { document, selfie, status: 'no_face' };
    const { status, distance } = decideFaceMatch(document.descriptor, selfie.descriptor, policy);
    return { document, selfie, status, distance };
  };
  const samePairs: DecidedPair[] = [];
  const differentPairs: DecidedPair[] = [];
  const perAugmentation: FaceEvalFigures['perAugmentation'] = {};
  for (const { form, image } of documents) {
    const byForm = (perAugmentation[form] ??= { ...emptyOutcomes(), maxDistance: 0 });
    for (const selfie of selfies) {
      const pair = decide(image, selfie);
      if (image.subject !== selfie.subject) {
        differentPairs.push(pair);
        continue;
      }
      samePairs.push(pair);
      count(byForm, pair.status);
      byForm.maxDistance = Math.max(byForm.maxDistance, pair.distance ?? 0);
    }
  }
  for (const [i, a] of selfies.entries()) {
    for (const b of selfies.slice(i + 1)) differentPairs.push(decide(a, b));
  }
  return { samePairs, differentPairs, perAugmentation };
}

/** `FaceEngine.compare` end to end, a subject's printed card against their selfie. */
async function timeComparisons(
  engine: FaceEngine,
  subjects: Subject[],
  policy: FaceMatchPolicy,
): Promise<number[]> {
  const elapsed: number[] = [];
  for (const subject of subjects) {
    const card = await augment(subject, 'printed_card');
    const started = performance.now();
    await engine.compare(card, subject.selfie, policy);
    elapsed.push(performance.now() - started);
  }
  return elapsed;
}

/** Every face the engine finds in a demo photo, cut out with head-and-shoulders margins, as a selfie frames it. */
export async function cutSubjects(engine: FaceEngine, photo: number): Promise<Subject[]> {
  const bytes = readFileSync(demoPhotoPath(photo));
  const { faces, width, height } = await engine.describe(bytes);
  const upright = await sharp(bytes).rotate().resize({ width, height, fit: 'fill' }).toBuffer();
  const subjects: Subject[] = [];
  for (const [index, { box }] of faces.entries()) {
    const margin = 0.7 * Math.max(box.width, box.height);
    const left = Math.max(0, Math.round(box.x - margin));
    const top = Math.max(0, Math.round(box.y - margin));
    const right = Math.min(width, Math.round(box.x + box.width + margin));
    const bottom = Math.min(height, Math.round(box.y + box.height + margin));
    const selfie = await sharp(upright)
      .extract({ left, top, width: right - left, height: bottom - top })
      .jpeg({ quality: 92 })
      .toBuffer();
    subjects.push({ id: `sample${photo}#${index + 1}`, selfie });
  }
  return subjects;
}

/** A degraded copy of a subject's face, standing in for the same person photographed another way. */
export async function augment(subject: Subject, augmentation: Augmentation): Promise<Buffer> {
  const image = sharp(subject.selfie);
  switch (augmentation) {
    case 'scaled_down': {
      // The detail left of a face about 60 px wide, as in a distant photo of a card, brought back to size.
      const { width = 0 } = await image.metadata();
      const small = await sharp(subject.selfie)
        .resize({ width: Math.round(width / 2.5) })
        .toBuffer();
      return sharp(small).resize({ width }).png().toBuffer();
    }
    case 'jpeg':
      return image.jpeg({ quality: 15 }).toBuffer();
    case 'rotated':
      return image.rotate(12, { background: '#808080' }).png().toBuffer();
    case 'lighter':
      return image.modulate({ brightness: 1.4 }).png().toBuffer();
    case 'darker':
      return image.modulate({ brightness: 0.55 }).png().toBuffer();
    case 'printed_card':
      return printedOnCard(subject);
  }
}

const CARD = { width: 856, height: 540, portraitHeight: 250 };

/**
 * The face as an ID card shows it: printed small, with washed-out colour and lower contrast, slightly soft,
 * next to blocks of text, the card then photographed and compressed again.
 */
async function printedOnCard(subject: Subject): Promise<Buffer> {
  const portrait = await sharp(subject.selfie)
    .resize({ height: CARD.portraitHeight })
    .modulate({ saturation: 0.35 })
    .linear(0.75, 40)
    .blur(0.8)
    .toBuffer();
  const lines = [150, 200, 250, 300, 350, 420]
    .map((y, i) => `<rect x="340" y="${y}" width="${380 - i * 30}" height="18" fill="#3a4a5a"/>`)
    .join('');
  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}">
      <rect width="100%" height="100%" fill="#dfe8e4"/><rect y="0" width="100%" height="90" fill="#7a9cb8"/>${lines}</svg>`,
  );
  return sharp(background)
    .composite([{ input: portrait, left: 40, top: 140 }])
    .jpeg({ quality: 55 })
    .toBuffer();
}

function byDistance(pairs: DecidedPair[]): (DecidedPair & { distance: number })[] {
  return pairs
    .filter((pair): pair is DecidedPair & { distance: number } => pair.distance !== undefined)
    .sort((a, b) => a.distance - b.distance);
}

function extreme(pair: DecidedPair & { distance: number }): ExtremePair {
  return { document: pair.document.label, selfie: pair.selfie.label, distance: pair.distance };
}

function tally(pairs: DecidedPair[]): PairOutcomes {
  const outcomes = emptyOutcomes();
  for (const pair of pairs) count(outcomes, pair.status);
  return outcomes;
}

function emptyOutcomes(): PairOutcomes {
  return { pairs: 0, matched: 0, inconclusive: 0, notMatched: 0, unusable: 0 };
}

function count(outcomes: PairOutcomes, status: FaceMatchStatus): void {
  outcomes.pairs++;
  if (status === 'matched') outcomes.matched++;
  else if (status === 'inconclusive') outcomes.inconclusive++;
  else if (status === 'not_matched') outcomes.notMatched++;
  else outcomes.unusable++;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
