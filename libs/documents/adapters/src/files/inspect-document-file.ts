import sharp from 'sharp';
import { findContentEnd } from './content-end';
import { detectDocumentType, type DocumentType } from './detect-document-type';
import { DocumentFileError } from './document-file-error';
import {
  type GreyscaleImage,
  type Normalised,
  type NormalisedImage,
  normaliseEncodedImage,
  normaliseRawPixels,
} from './normalise-image';
import { checkSingleFormat } from './polyglot-checks';
import { renderFirstPdfPage } from './render-pdf-page';

export interface InspectOptions {
  /** Larger files are refused before any parsing. */
  maxBytes?: number;
  /** Pixel budget of a decoded image or of an image inside a PDF (image bombs declare billions). */
  maxInputPixels?: number;
  /** Longest edge of the normalised image. */
  maxEdge?: number;
  output?: 'png' | 'jpeg';
  /** Also return one-byte-per-pixel greyscale pixels. */
  greyscale?: boolean;
  /** Resolution at which page 1 of a PDF is rendered. */
  pdfDpi?: number;
  /** Budget for decoding an image or rendering a PDF page. */
  timeoutMs?: number;
}

export interface InspectedFile {
  kind: 'image' | 'pdf';
  /** The type found from the content. */
  type: DocumentType;
  /** The picture before scaling down: the upright image, or page 1 as rendered. */
  original: { width: number; height: number };
  image: NormalisedImage;
  greyscale?: GreyscaleImage;
  /** For a PDF: how many pages it has (only the first is read). */
  pageCount?: number;
  /** Unrecognised bytes after the format's end marker that were tolerated, e.g. a camera maker's trailer. */
  trailingBytes: number;
}

export const DEFAULT_INSPECT_OPTIONS: Required<InspectOptions> = {
  maxBytes: 20 * 2 ** 20,
  maxInputPixels: 50_000_000,
  maxEdge: 2500,
  output: 'png',
  greyscale: false,
  pdfDpi: 200,
  timeoutMs: 15_000,
};

/**
 * Checks an uploaded identity document and turns it into an image the engines can read. Every refusal is a
 * {@link DocumentFileError} with a machine-readable code: the type is taken from the content, a file readable
 * as a second format is refused, an image is decoded under pixel and time limits, a PDF has page 1 rendered.
 */
export async function inspectDocumentFile(
  bytes: Uint8Array,
  options: InspectOptions = {},
): Promise<InspectedFile> {
  const settings = { ...DEFAULT_INSPECT_OPTIONS, ...options };
  try {
    return await inspect(bytes, settings);
  } catch (error) {
    if (error instanceof DocumentFileError) throw error;
    throw new DocumentFileError(
      'decode_failed',
      `The file could not be processed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

async function inspect(bytes: Uint8Array, settings: Required<InspectOptions>): Promise<InspectedFile> {
  if (bytes.length > settings.maxBytes) {
    throw new DocumentFileError('too_large', `The file is larger than ${settings.maxBytes} bytes`);
  }
  const type = await detectDocumentType(bytes);
  const contentEnd = findContentEnd(bytes, type.mime);
  if (contentEnd.kind === 'missing') {
    throw new DocumentFileError('truncated', `The ${type.ext} file stops before its end`);
  }
  const trailingBytes = await checkSingleFormat(bytes, type, contentEnd);
  const limits = {
    maxInputPixels: settings.maxInputPixels,
    maxEdge: settings.maxEdge,
    timeoutMs: settings.timeoutMs,
  };
  const output = { format: settings.output, greyscale: settings.greyscale };

  if (type.mime === 'application/pdf') {
    const page = await renderFirstPdfPage(bytes, {
      dpi: settings.pdfDpi,
      maxEdge: settings.maxEdge,
      maxImagePixels: settings.maxInputPixels,
      timeoutMs: settings.timeoutMs,
    });
    const normalised = await normaliseRawPixels(page.pixels, limits, output);
    return result('pdf', type, normalised, trailingBytes, page.pageCount);
  }
  if ((type.mime === 'image/heic' || type.mime === 'image/heif') && !heicDecodable()) {
    throw new DocumentFileError(
      'unsupported_type',
      'HEIC images cannot be decoded here; please send a JPEG or PNG',
    );
  }
  return result('image', type, await normaliseEncodedImage(bytes, limits, output), trailingBytes);
}

/** The prebuilt libvips decodes AV1 HEIF (AVIF) only; HEVC, which HEIC photos use, needs a custom build. */
function heicDecodable(): boolean {
  const suffixes = (sharp.format.heif.input as { fileSuffix?: string[] }).fileSuffix ?? [];
  return suffixes.includes('.heic');
}

function result(
  kind: InspectedFile['kind'],
  type: DocumentType,
  normalised: Normalised,
  trailingBytes: number,
  pageCount?: number,
): InspectedFile {
  return { kind, type, ...normalised, trailingBytes, ...(pageCount === undefined ? {} : { pageCount }) };
}
