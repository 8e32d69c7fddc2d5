import sharp from 'sharp';
import { SeededRandom } from './seeded-random';

export type DegradationKind = 'blur' | 'noise' | 'rotation' | 'jpeg' | 'downscale' | 'photographed';

export const DEGRADATION_KINDS: readonly DegradationKind[] = [
  'blur',
  'noise',
  'rotation',
  'jpeg',
  'downscale',
  'photographed',
];

export interface DegradedImage {
  readonly image: Buffer;
  readonly kind: DegradationKind;
  /** The drawn parameters, for reports ("blur sigma 1.7"). */
  readonly description: string;
}

const PAPER_EDGE = { r: 236, g: 236, b: 232 };

async function withNoise(image: Buffer, sigma: number, random: SeededRandom): Promise<Buffer> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++)
    data[i] = Math.max(0, Math.min(255, Math.round(data[i] + random.gaussian() * sigma)));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .png()
    .toBuffer();
}

/**
 * A hand-held shot: the document lies on a darker surface, sheared and turned a little (an affine stand-in for
 * perspective), lit unevenly from one side, slightly soft and JPEG-compressed.
 */
async function photographed(
  image: Buffer,
  random: SeededRandom,
): Promise<{ image: Buffer; description: string }> {
  const { width = 0 } = await sharp(image).metadata();
  const border = Math.round(width * random.between(0.06, 0.12));
  const table = { r: random.int(60, 110), g: random.int(50, 90), b: random.int(40, 70) };
  const shearX = random.between(-0.05, 0.05);
  const shearY = random.between(-0.03, 0.03);
  const angle = random.between(-2, 2);
  const onTable = await sharp(image)
    .extend({ top: border, bottom: border, left: border, right: border, background: table })
    .affine(
      [
        [1, shearX],
        [shearY, 1],
      ],
      { background: table },
    )
    .rotate(angle, { background: table })
    .png()
    .toBuffer();
  const meta = await sharp(onTable).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const dark = random.int(120, 170);
  const direction = random.pick([
    ['0%', '0%', '100%', '100%'],
    ['100%', '0%', '0%', '100%'],
    ['0%', '50%', '100%', '50%'],
    ['50%', '0%', '50%', '100%'],
  ]);
  const light = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="l" x1="${direction[0]}" y1="${direction[1]}" x2="${direction[2]}" y2="${direction[3]}">` +
      `<stop offset="0" stop-color="rgb(${dark},${dark},${dark})"/><stop offset="1" stop-color="rgb(255,255,250)"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#l)"/></svg>`,
  );
  const quality = random.int(65, 85);
  const shot = await sharp(onTable)
    .composite([{ input: light, blend: 'multiply' }])
    .blur(random.between(0.6, 1.0))
    .jpeg({ quality })
    .toBuffer();
  return {
    image: shot,
    description: `shear ${shearX.toFixed(3)}/${shearY.toFixed(3)}, rotation ${angle.toFixed(1)} deg, light down to ${dark}, jpeg ${quality}`,
  };
}

/** Applies one kind of degradation with parameters drawn from `seed`; the same inputs give the same bytes. */
export async function degradeImage(
  image: Buffer,
  kind: DegradationKind,
  seed: number,
): Promise<DegradedImage> {
  const random = new SeededRandom(seed);
  switch (kind) {
    case 'blur': {
      const sigma = random.between(1.2, 2.2);
      return {
        kind,
        image: await sharp(image).blur(sigma).png().toBuffer(),
        description: `gaussian blur sigma ${sigma.toFixed(2)}`,
      };
    }
    case 'noise': {
      const sigma = random.between(18, 32);
      return {
        kind,
        image: await withNoise(image, sigma, random),
        description: `gaussian noise sigma ${sigma.toFixed(1)}`,
      };
    }
    case 'rotation': {
      const angle = random.pick([-1, 1]) * random.between(1, 3);
      const rotated = await sharp(image).rotate(angle, { background: PAPER_EDGE }).png().toBuffer();
      return { kind, image: rotated, description: `rotation ${angle.toFixed(2)} deg` };
    }
    case 'jpeg': {
      const quality = random.int(30, 60);
      return {
        kind,
        image: await sharp(image).jpeg({ quality }).toBuffer(),
        description: `jpeg quality ${quality}`,
      };
    }
    case 'downscale': {
      const factor = random.between(0.4, 0.6);
      const { width = 0 } = await sharp(image).metadata();
      const small = await sharp(image)
        .resize({ width: Math.round(width * factor) })
        .png()
        .toBuffer();
      return { kind, image: small, description: `downscaled to ${(factor * 300).toFixed(0)} dpi` };
    }
    case 'photographed': {
      const shot = await photographed(image, random);
      return { kind, ...shot };
    }
  }
}
