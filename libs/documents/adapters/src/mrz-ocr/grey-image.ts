import sharp, { type Sharp } from 'sharp';
import { MrzOcrError } from './mrz-ocr-error';

/** 8-bit single-channel pixels, row by row. */
export interface GreyImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Longest edge the pipeline works at: a passport page at 300 dpi is about 1500 px wide. */
const MAX_WORKING_EDGE = 2400;
const MAX_INPUT_PIXELS = 60_000_000;

function checkRaw({ data, width, height }: GreyImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new MrzOcrError('image_unreadable', `Invalid image size ${width}x${height}`);
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height) {
    throw new MrzOcrError('image_unreadable', `Expected ${width * height} grey bytes, got ${data?.length}`);
  }
}

export function rawGrey(image: GreyImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

export async function toGrey(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // sharp keeps an alpha channel through greyscale(); keep the grey one.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels];
  return { data: grey, width: info.width, height: info.height };
}

/** Decodes any image sharp reads (EXIF orientation applied) or takes raw grey pixels, at a bounded size. */
export async function decodeGrey(input: Buffer | GreyImage): Promise<GreyImage> {
  if (!Buffer.isBuffer(input)) {
    checkRaw(input);
    if (Math.max(input.width, input.height) <= MAX_WORKING_EDGE) return input;
  }
  const source = Buffer.isBuffer(input)
    ? sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate()
    : rawGrey(input);
  try {
    return await toGrey(
      source.resize({
        width: MAX_WORKING_EDGE,
        height: MAX_WORKING_EDGE,
        fit: 'inside',
        withoutEnlargement: true,
      }),
    );
  } catch (error) {
    throw new MrzOcrError('image_unreadable', `The image could not be decoded: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Rotates by `degrees` (clockwise), filling the corners with white paper. */
export async function rotateGrey(image: GreyImage, degrees: number): Promise<GreyImage> {
  if (Math.abs(degrees) < 0.05) return image;
  return toGrey(rawGrey(image).rotate(degrees, { background: { r: 255, g: 255, b: 255 } }));
}

export async function resizeGrey(image: GreyImage, width: number): Promise<GreyImage> {
  if (width === image.width) return image;
  return toGrey(rawGrey(image).resize({ width: Math.max(1, Math.round(width)), kernel: 'lanczos3' }));
}

/**
 * Dark pixels (1) against the local mean of a square window: robust to the uneven lighting of photographed
 * documents, and pale security print (guilloches) stays light because it is only a little darker than the paper.
 */
export function darkMask(image: GreyImage, window: number, ratio = 0.78): Uint8Array {
  const { data, width, height } = image;
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x];
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
    }
  }
  const half = Math.max(1, Math.floor(window / 2));
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const sum =
        integral[y1 * (width + 1) + x1] -
        integral[y0 * (width + 1) + x1] -
        integral[y1 * (width + 1) + x0] +
        integral[y0 * (width + 1) + x0];
      const mean = sum / ((x1 - x0) * (y1 - y0));
      mask[y * width + x] = data[y * width + x] < mean * ratio ? 1 : 0;
    }
  }
  return mask;
}
