import sharp from 'sharp';
import { FaceEngineError } from './face-engine-error';

/** Interleaved 8-bit RGB pixels, row by row. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** An encoded image (JPEG, PNG, WebP, TIFF...) or pixels already decoded. */
export type FaceImageInput = Buffer | RgbImage;

export interface DecodeLimits {
  /** Longest edge handed to the detector; larger images are scaled down first. */
  maxEdge: number;
  maxInputPixels: number;
}

/**
 * Turns the input into upright RGB pixels at most `maxEdge` wide or high. The detector scales its input to a
 * fixed size anyway and the descriptor works on a 150 px face crop, so bigger inputs only cost time and memory.
 */
export async function decodeFaceImage(input: FaceImageInput, limits: DecodeLimits): Promise<RgbImage> {
  if (!Buffer.isBuffer(input)) {
    checkRgb(input);
    if (Math.max(input.width, input.height) <= limits.maxEdge) return input;
  }
  const source = Buffer.isBuffer(input)
    ? sharp(input, { limitInputPixels: limits.maxInputPixels, failOn: 'truncated' }).rotate()
    : sharp(input.data, { raw: { width: input.width, height: input.height, channels: 3 } });
  try {
    const { data, info } = await source
      .resize({ width: limits.maxEdge, height: limits.maxEdge, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new FaceEngineError(
      'image_unreadable',
      `The image could not be decoded: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function checkRgb({ width, height, data }: RgbImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new FaceEngineError('invalid_image', `Invalid image size ${width}x${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new FaceEngineError(
      'invalid_image',
      `Expected ${width * height * 3} RGB bytes, got ${data.length}`,
    );
  }
}
