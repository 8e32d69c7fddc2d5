/**
 * The uploads of `npm run bench:processing`, made before any clock starts and in a process of their own: the
 * face engine that cuts the selfies out of face-api's demo photos would otherwise sit in the platform's
 * process and inflate its memory figures. Every session gets its own synthetic person (seeded TD3 passport
 * data, valid check digits, unexpired, adult) and one of the demo faces, printed in the passport and sent as
 * the selfie. Run as a script, it writes the files and a manifest into the folder its argument names.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { FaceEngine } from '@kyc/documents-adapters';
import { countryFromIcaoCode } from '@kyc/processing-domain';
import {
  renderMrzDocument,
  SeededRandom,
  syntheticMrzDocuments,
  type MrzDocument,
} from '../../libs/documents/adapters/src/testing';
import {
  demoPhoto,
  pdfOfImage,
  portraitsOf,
  printedPortrait,
} from '../../libs/processing/adapters/src/document-analysis/testing/analysis-fixtures';

export type UploadKind = 'image' | 'pdf' | 'large';

export interface BenchUpload {
  /** File name inside the fixtures folder. */
  file: string;
  mimeType: string;
  bytes: number;
}

export interface BenchCase {
  kind: UploadKind;
  /** The form the customer fills, in the customer's own spelling. */
  form: { full_name: string; date_of_birth: string; nationality: string };
  /** What the passport's zone holds, to check the extraction against. */
  expected: { documentNumber: string; dateOfBirth: string; expiryDate: string };
  document: BenchUpload;
  selfie: BenchUpload;
}

export interface BenchFixtures {
  /** One image session for the first run after the cold start, then the measured ones. */
  coldStart: BenchCase;
  image: BenchCase[];
  pdf: BenchCase[];
  large: BenchCase[];
  /** The resolution the large renderings were made at (the last one when they differ). */
  largeDpi: number;
}

export interface FixtureCounts {
  sessions: number;
  largeSessions: number;
  seed: number;
}

const PASSPORT_MM = { widthMm: 125, heightMm: 88 };
const DAY_MS = 86_400_000;
const MIB = 1024 * 1024;
/** The large upload aims just under the platform's default upload limit (UPLOAD_MAX_BYTES, 10 MiB). */
const LARGE_BYTES = { low: 9.2 * MIB, high: 9.9 * MIB, aim: 9.55 * MIB };
/** Scanner grain: what makes a real high-resolution scan big, where a clean rendering compresses to little. */
const GRAIN_SIGMA = 6;

/** Adults with a passport valid for a good while: the bench measures sessions that should be approved. */
function approvablePeople(count: number, seed: number, now: Date): MrzDocument[] {
  const adultBorn = now.getTime() - 18 * 366 * DAY_MS;
  const validUntil = now.getTime() + 90 * DAY_MS;
  const found: MrzDocument[] = [];
  for (let batch = 0; found.length < count; batch++) {
    const candidates = syntheticMrzDocuments({ count: count * 2, seed: seed + batch, now, formats: ['TD3'] });
    for (const document of candidates) {
      const { dateOfBirth, expiryDate } = document.data;
      if (Date.parse(dateOfBirth) <= adultBorn && Date.parse(expiryDate) >= validUntil) found.push(document);
    }
  }
  return found.slice(0, count);
}

function formOf(document: MrzDocument): BenchCase['form'] {
  const title = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();
  const { givenNames, surname, nationality, dateOfBirth } = document.data;
  const name = [...givenNames.split(' '), ...surname.split(' ')].filter(Boolean).map(title).join(' ');
  return { full_name: name, date_of_birth: dateOfBirth, nationality: countryFromIcaoCode(nationality) ?? nationality };
}

/** A seeded tile of grain, laid over the whole page. */
async function withGrain(png: Buffer, seed: number): Promise<Buffer> {
  const random = new SeededRandom(seed);
  // A prime edge, so the tile never lines up with the page's own patterns.
  const edge = 509;
  const tile = Buffer.alloc(edge * edge * 3);
  for (let i = 0; i < tile.length; i++) tile[i] = Math.max(0, Math.min(255, Math.round(128 + random.gaussian() * GRAIN_SIGMA)));
  const input = await sharp(tile, { raw: { width: edge, height: edge, channels: 3 } }).png().toBuffer();
  return sharp(png).composite([{ input, tile: true, blend: 'overlay' }]).removeAlpha().png().toBuffer();
}

/** A grainy high-resolution scan as PNG, its resolution searched until the file lands just under 10 MiB. */
async function largeScan(document: MrzDocument, photo: Buffer, seed: number, startDpi: number): Promise<{ png: Buffer; dpi: number }> {
  let dpi = startDpi;
  for (let attempt = 0; ; attempt++) {
    const png = await withGrain(await renderMrzDocument(document, { dpi, photo, seed }), seed);
    if ((png.length >= LARGE_BYTES.low && png.length <= LARGE_BYTES.high) || attempt === 5) {
      if (png.length > LARGE_BYTES.high) throw new Error(`no resolution gave a scan under ${LARGE_BYTES.high} bytes`);
      return { png, dpi };
    }
    // Grain makes the size follow the pixel count, which grows with the square of the resolution.
    dpi = Math.round(dpi * Math.sqrt(LARGE_BYTES.aim / png.length));
  }
}

/**
 * The demo photos' faces that make a selfie as a capture screen accepts one: a single face in the frame (a crop
 * from a group photo may hold a neighbour's too), still found once printed small in a passport.
 */
async function selfiePortraits(): Promise<Buffer[]> {
  const faces = new FaceEngine();
  await faces.init();
  const usable: Buffer[] = [];
  for (let sample = 1; sample <= 6; sample++) {
    for (const portrait of await portraitsOf(faces, demoPhoto(sample))) {
      const inSelfie = (await faces.describe(portrait)).faces.length;
      const printed = (await faces.describe(await printedPortrait(portrait))).faces.length;
      if (inSelfie === 1 && printed === 1) usable.push(portrait);
    }
  }
  return usable;
}

async function save(dir: string, file: string, bytes: Buffer, mimeType: string): Promise<BenchUpload> {
  await writeFile(join(dir, file), bytes);
  return { file, mimeType, bytes: bytes.length };
}

/** Writes every upload into `dir` and returns what it wrote. */
export async function writeBenchFixtures(dir: string, counts: FixtureCounts): Promise<BenchFixtures> {
  await mkdir(dir, { recursive: true });
  const portraits = await selfiePortraits();

  const kinds: UploadKind[] = [
    'image',
    ...Array<UploadKind>(counts.sessions).fill('image'),
    ...Array<UploadKind>(counts.largeSessions).fill('pdf'),
    ...Array<UploadKind>(counts.largeSessions).fill('large'),
  ];
  const people = approvablePeople(kinds.length, counts.seed, new Date());
  const cases: BenchCase[] = [];
  let largeDpi = 640;
  for (const [i, kind] of kinds.entries()) {
    const document = people[i];
    const portrait = portraits[i % portraits.length];
    const photo = await printedPortrait(portrait);
    const seed = counts.seed + i;
    const selfie = await save(dir, `selfie-${i}.jpg`, portrait, 'image/jpeg');
    let upload: BenchUpload;
    if (kind === 'large') {
      const scan = await largeScan(document, photo, seed, largeDpi);
      largeDpi = scan.dpi;
      upload = await save(dir, `passport-${i}-${scan.dpi}dpi.png`, scan.png, 'image/png');
    } else {
      const png = await renderMrzDocument(document, { dpi: 300, photo, seed });
      upload =
        kind === 'pdf'
          ? await save(dir, `passport-${i}.pdf`, await pdfOfImage(png, PASSPORT_MM), 'application/pdf')
          : await save(dir, `passport-${i}.png`, png, 'image/png');
    }
    const { documentNumber, dateOfBirth, expiryDate } = document.data;
    cases.push({ kind, form: formOf(document), expected: { documentNumber, dateOfBirth, expiryDate }, document: upload, selfie });
  }
  const fixtures: BenchFixtures = {
    coldStart: cases[0],
    image: cases.filter((c, i) => i > 0 && c.kind === 'image'),
    pdf: cases.filter((c) => c.kind === 'pdf'),
    large: cases.filter((c) => c.kind === 'large'),
    largeDpi,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(fixtures, null, 2));
  return fixtures;
}

/** Makes the fixtures in a child process (see the file comment) and reads back its manifest. */
export async function makeBenchFixtures(dir: string, counts: FixtureCounts): Promise<BenchFixtures> {
  await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', __filename, dir, String(counts.sessions), String(counts.largeSessions), String(counts.seed)],
    { maxBuffer: 16 * MIB },
  );
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as BenchFixtures;
}

if (require.main === module) {
  const [dir, sessions, largeSessions, seed] = process.argv.slice(2);
  writeBenchFixtures(dir, { sessions: Number(sessions), largeSessions: Number(largeSessions), seed: Number(seed) }).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
