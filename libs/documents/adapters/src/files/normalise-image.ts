import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { DocumentFileError } from './document-file-error';

export interface NormaliseLimits {
  maxInputPixels: number;
  maxEdge: number;
  timeoutMs: number;
}

export interface NormaliseOutput {
  format: 'png' | 'jpeg';
  greyscale: boolean;
}

/** An upright, sRGB, 8-bit picture no larger than `maxEdge`, encoded for the engines. */
export interface NormalisedImage {
  data: Buffer;
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** One byte per pixel, row by row: what band location and OCR preprocessing work on. */
export interface GreyscaleImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface Normalised {
  /** Size of the source picture once upright, before scaling down. */
  original: { width: number; height: number };
  image: NormalisedImage;
  greyscale?: GreyscaleImage;
}

/** Raw pixels to normalise, as a PDF page rendering produces them. */
export interface RawPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * Decodes an encoded image with the input guarded: the pixel count is capped before any pixel is allocated
 * (image bombs), a file that stops early fails instead of decoding half a picture, and EXIF orientation is
 * applied so that the engines see the document upright.
 */
export async function normaliseEncodedImage(
  bytes: Uint8Array,
  limits: NormaliseLimits,
  output: NormaliseOutput,
): Promise<Normalised> {
  const open = () => sharp(bytes, { limitInputPixels: limits.maxInputPixels, failOn: 'truncated' });
  const metadata = await guarded(() => open().metadata());
  const swapsSides = (metadata.orientation ?? 1) >= 5;
  const original = swapsSides
    ? { width: metadata.height ?? 0, height: metadata.width ?? 0 }
    : { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  const pixels = await guarded(() => toRgb(open().rotate(), limits).toBuffer({ resolveWithObject: true }));
  return { original, ...(await encode(pixels.data, pixels.info, output)) };
}

export async function normaliseRawPixels(
  raw: RawPixels,
  limits: NormaliseLimits,
  output: NormaliseOutput,
): Promise<Normalised> {
  const source = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  const pixels = await guarded(() => toRgb(source, limits).toBuffer({ resolveWithObject: true }));
  return {
    original: { width: raw.width, height: raw.height },
    ...(await encode(pixels.data, pixels.info, output)),
  };
}

function toRgb(image: Sharp, limits: NormaliseLimits): Sharp {
  return image
    .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) })
    .flatten({ background: '#ffffff' })
    .resize({ width: limits.maxEdge, height: limits.maxEdge, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw();
}

async function encode(
  rgb: Buffer,
  info: OutputInfo,
  output: NormaliseOutput,
): Promise<Pick<Normalised, 'image' | 'greyscale'>> {
  const { width, height, channels } = info;
  const pixels = () => sharp(rgb, { raw: { width, height, channels } });
  // PNG keeps the pixels exactly, so OCR never meets compression artefacts the upload did not have; a fast
  // zlib level because the buffer only travels in memory.
  const data = await (output.format === 'png'
    ? pixels().png({ compressionLevel: 1 }).toBuffer()
    : pixels().jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer());
  const image: NormalisedImage = { data, format: output.format, width, height };
  if (!output.greyscale) return { image };
  const grey = await pixels().greyscale().raw().toBuffer();
  return { image, greyscale: { data: grey, width, height } };
}

/** Runs a sharp call, turning libvips' error messages into coded errors. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asDocumentFileError(error);
  }
}

function asDocumentFileError(error: unknown): DocumentFileError {
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    return new DocumentFileError('too_many_pixels', 'The image has more pixels than allowed', {
      cause: error,
    });
  }
  if (/premature end|truncated|unexpected end|not enough data|out of data/i.test(message)) {
    return new DocumentFileError('truncated', 'The image data stops before the end of the picture', {
      cause: error,
    });
  }
  if (/timeout/i.test(message)) {
    return new DocumentFileError('timeout', 'Decoding the image took too long', { cause: error });
  }
  return new DocumentFileError('decode_failed', `The image could not be decoded: ${message}`, {
    cause: error,
  });
}
