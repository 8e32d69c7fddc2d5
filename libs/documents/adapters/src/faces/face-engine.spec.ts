import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACE_DESCRIPTOR_LENGTH } from '@kyc/documents-domain';
import { FaceEngine, type FaceDescription } from './face-engine';
import { FaceEngineError } from './face-engine-error';

// The demo photos ship inside the face-api package; they are read from there, never copied.
const demoPhoto = (n: number) =>
  readFileSync(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', `sample${n}.jpg`));

/** One face of a described photo cut out with `margin` times the face size around it. */
async function cutFace(
  photo: Buffer,
  description: FaceDescription,
  index: number,
  margin: number,
): Promise<Buffer> {
  const { box } = description.faces[index];
  const pad = margin * Math.max(box.width, box.height);
  const left = Math.max(0, Math.round(box.x - pad));
  const top = Math.max(0, Math.round(box.y - pad));
  const width = Math.min(description.width, Math.round(box.x + box.width + pad)) - left;
  const height = Math.min(description.height, Math.round(box.y + box.height + pad)) - top;
  return sharp(photo)
    .resize({ width: description.width, height: description.height })
    .extract({ left, top, width, height })
    .jpeg()
    .toBuffer();
}

/** A card with the portrait printed on it and, as many ID cards have, a small faint ghost copy of it. */
async function cardWithGhostImage(portrait: Buffer): Promise<Buffer> {
  const main = await sharp(portrait).resize({ height: 260 }).modulate({ saturation: 0.5 }).toBuffer();
  const ghost = await sharp(portrait).resize({ height: 90 }).greyscale().linear(0.4, 150).toBuffer();
  return sharp({ create: { width: 856, height: 540, channels: 3, background: '#dde6e2' } })
    .composite([
      { input: main, left: 40, top: 140 },
      { input: ghost, left: 700, top: 400 },
    ])
    .jpeg({ quality: 70 })
    .toBuffer();
}

describe('FaceEngine (face-api on the tfjs WASM backend)', () => {
  const engine = new FaceEngine();
  const group = demoPhoto(1);
  let groupDescription: FaceDescription;

  beforeAll(async () => {
    await engine.init();
    groupDescription = await engine.describe(group);
  }, 60_000);

  it('finds every face of a group photo, each with a 128-value descriptor', () => {
    expect(groupDescription.faces).toHaveLength(3);
    for (const face of groupDescription.faces) {
      expect(face.descriptor).toHaveLength(FACE_DESCRIPTOR_LENGTH);
      expect(face.score).toBeGreaterThan(0.5);
      expect(face.box.x + face.box.width).toBeLessThanOrEqual(groupDescription.width);
      expect(face.box.y + face.box.height).toBeLessThanOrEqual(groupDescription.height);
    }
  });

  it('matches a portrait printed on a card, ghost image included, with a selfie of the same person', async () => {
    const selfie = await cutFace(group, groupDescription, 0, 0.7);
    const decision = await engine.compare(await cardWithGhostImage(selfie), selfie);
    expect(decision).toMatchObject({ status: 'matched', threshold: 0.8 });
    expect(decision.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('does not match the card of one person with the selfie of another', async () => {
    const card = await cardWithGhostImage(await cutFace(group, groupDescription, 0, 0.7));
    const decision = await engine.compare(card, await cutFace(group, groupDescription, 2, 0.7));
    expect(decision.status).not.toBe('matched');
    expect(decision.confidence).toBeLessThan(0.8);
    expect(decision.code).toMatch(/^face_(mismatch|match_inconclusive)$/);
  });

  it('finds the face of a close-up selfie that fills the frame', async () => {
    const closeUp = await cutFace(group, groupDescription, 1, 0.05);
    const { faces } = await engine.describe(closeUp);
    expect(faces).toHaveLength(1);
  });

  it('takes decoded RGB pixels as well as encoded images', async () => {
    const { data, info } = await sharp(await cutFace(group, groupDescription, 2, 0.7))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { faces } = await engine.describe({ data, width: info.width, height: info.height });
    expect(faces).toHaveLength(1);
  });

  it('reports unreadable input with coded errors', async () => {
    await expect(engine.describe(Buffer.from('not an image'))).rejects.toMatchObject({
      code: 'image_unreadable',
    });
    await expect(engine.describe({ data: new Uint8Array(10), width: 4, height: 4 })).rejects.toBeInstanceOf(
      FaceEngineError,
    );
    await expect(new FaceEngine().describe(group)).rejects.toMatchObject({ code: 'engine_unavailable' });
  });
});
