import {
  extractMrz,
  type MrzExtraction,
  MrzNotFoundError,
  type MrzOcrLine,
  MrzUnreadableError,
} from '@kyc/documents-domain';
import { classifiedLines } from './classified-lines';
import { decodeGrey, type GreyImage, resizeGrey, rotateGrey } from './grey-image';
import { estimateSkew, locateMrzBand, type MrzBand } from './mrz-band-locator';
import { ocrImage, type OcrImageStyle } from './mrz-ocr-image';
import { MrzOcrError } from './mrz-ocr-error';
import { DEFAULT_OCR_B_FONT_PATH, OcrBGlyphClassifier } from './ocr-b-glyph-classifier';
import { type MrzOcrEngineKind, TesseractMrzEngine } from './tesseract-mrz-engine';

export interface MrzReaderOptions {
  /** Default 'legacy' (see MrzOcrEngineKind). */
  readonly engine?: MrzOcrEngineKind;
  /** Whole-read budget per image, queueing excluded. Default 20 s. */
  readonly timeoutMs?: number;
  /** Clock for two-digit years when a read passes no `now`. */
  readonly clock?: () => Date;
  /** OCR-B font file for the reference glyphs; defaults to the one shipped in data/fonts. */
  readonly fontPath?: string;
}

export interface MrzReadOptions {
  /** Reference instant for two-digit years. */
  readonly now?: Date;
  /** Overrides the reader's timeout for this image. */
  readonly timeoutMs?: number;
}

/**
 * Widths the locator works at: the first suits a document that fills the image and is cheap to scan; the second
 * finds the zone of a document that fills only a small part of a large photo.
 */
const LOCATE_WIDTHS = [900, 1800];
/**
 * Tried in order until every check digit passes: another crop of the same zone (grey instead of thresholded,
 * larger characters) often reads right where the first one did not.
 */
const STYLES: readonly OcrImageStyle[] = [
  { lineHeight: 40, binarise: true },
  { lineHeight: 40, binarise: false },
  { lineHeight: 52, binarise: true },
];

interface Attempt {
  readonly extraction?: MrzExtraction;
  readonly error?: MrzNotFoundError | MrzUnreadableError;
}

/** Check digits per format: document number, birth, expiry, (TD3: personal number,) composite. */
const CHECK_DIGITS_PER_FORMAT = { TD1: 4, TD2: 4, TD3: 5 } as const;

/** A zone read upside down yields characters, rarely a passing check digit: one pass settles the orientation. */
function everyCheckFailed(extraction: MrzExtraction): boolean {
  return extraction.check_digits.failed.length >= CHECK_DIGITS_PER_FORMAT[extraction.format];
}

function better(a: MrzExtraction, b: MrzExtraction | undefined): boolean {
  if (!b) return true;
  if (a.check_digits.failed.length !== b.check_digits.failed.length)
    return a.check_digits.failed.length < b.check_digits.failed.length;
  return a.repaired.length < b.repaired.length;
}

/**
 * Reads the machine-readable zone of an identity document image: decode, deskew, locate the zone band,
 * crop and scale it for OCR, recognise it with one long-lived tesseract worker, then repair and parse the lines
 * with the domain's extractMrz. Calls are serialised; each has a timeout; an image read upside down is retried
 * turned by 180 degrees.
 */
export class MrzReader {
  private readonly engine: TesseractMrzEngine;
  private readonly timeoutMs: number;
  private readonly clock: () => Date;
  private readonly fontPath: string;
  private classifier: OcrBGlyphClassifier | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: MrzReaderOptions = {}) {
    this.engine = new TesseractMrzEngine(options.engine ?? 'legacy');
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.clock = options.clock ?? (() => new Date());
    this.fontPath = options.fontPath ?? DEFAULT_OCR_B_FONT_PATH;
  }

  /** Starts the OCR worker ahead of the first read (optional: the first read starts it otherwise). */
  async init(): Promise<void> {
    if (this.closed) throw new MrzOcrError('reader_closed', 'The MRZ reader is closed');
    this.glyphs();
    await this.engine.init();
  }

  private glyphs(): OcrBGlyphClassifier {
    try {
      this.classifier ??= OcrBGlyphClassifier.create(this.fontPath);
    } catch (error) {
      throw new MrzOcrError('engine_unavailable', (error as Error).message, { cause: error });
    }
    return this.classifier;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.engine.close();
  }

  /**
   * @throws MrzNotFoundError no zone in the image; MrzUnreadableError a zone too illegible to parse;
   *   MrzOcrError image_unreadable, ocr_timeout, engine_unavailable or reader_closed.
   */
  read(image: Buffer | GreyImage, options: MrzReadOptions = {}): Promise<MrzExtraction> {
    if (this.closed) return Promise.reject(new MrzOcrError('reader_closed', 'The MRZ reader is closed'));
    const run = this.queue.then(() =>
      this.readNow(image, options.now ?? this.clock(), options.timeoutMs ?? this.timeoutMs),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNow(image: Buffer | GreyImage, now: Date, timeoutMs: number): Promise<MrzExtraction> {
    const deadline = Date.now() + timeoutMs;
    const grey = await decodeGrey(image);
    const upright = await this.readUpright(grey, now, deadline, STYLES);
    if (upright.extraction && !everyCheckFailed(upright.extraction)) return upright.extraction;
    // Nothing found, or not one check digit right: the document may lie upside down. One style is enough to tell.
    const turned = await this.readUpright(await rotateGrey(grey, 180), now, deadline, STYLES.slice(0, 1));
    const extraction =
      turned.extraction && better(turned.extraction, upright.extraction)
        ? turned.extraction
        : upright.extraction;
    if (extraction) return extraction;
    const errors = [upright.error, turned.error];
    throw (
      errors.find((error) => error instanceof MrzUnreadableError) ??
      errors.find((error) => error !== undefined) ??
      new MrzNotFoundError('No machine-readable zone found in the image')
    );
  }

  private async readUpright(
    grey: GreyImage,
    now: Date,
    deadline: number,
    styles: readonly OcrImageStyle[],
  ): Promise<Attempt> {
    const located = await locateZone(grey);
    if (!located) return { error: new MrzNotFoundError('No machine-readable zone found in the image') };
    const { band, upright } = located;
    let best: MrzExtraction | undefined;
    let error: MrzNotFoundError | MrzUnreadableError | undefined;
    for (const style of styles) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        if (best) break;
        throw new MrzOcrError('ocr_timeout', 'Reading the MRZ took longer than its timeout');
      }
      const image = await ocrImage(upright, band, style);
      const lines: MrzOcrLine[] = classifiedLines(
        await this.engine.recognise(image.png, remaining),
        image.grey,
        this.glyphs(),
      );
      try {
        const extraction = extractMrz(lines, { now });
        if (better(extraction, best)) best = extraction;
        if (extraction.check_digits.all_valid) break;
      } catch (caught) {
        if (!(caught instanceof MrzNotFoundError || caught instanceof MrzUnreadableError)) throw caught;
        if (!(error instanceof MrzUnreadableError)) error = caught;
      }
    }
    return best ? { extraction: best } : { error };
  }
}

/** Deskews the image and finds the zone, trying a finer scale when the coarse one shows none. */
async function locateZone(grey: GreyImage): Promise<{ band: MrzBand; upright: GreyImage } | undefined> {
  for (const width of LOCATE_WIDTHS) {
    const scale = Math.min(1, width / grey.width);
    const small = scale < 1 ? await resizeGrey(grey, grey.width * scale) : grey;
    const skew = estimateSkew(small);
    const upright = await rotateGrey(grey, -skew);
    const uprightSmall = scale < 1 ? await resizeGrey(upright, upright.width * scale) : upright;
    const band = locateMrzBand(uprightSmall);
    if (band) return { band: toFullScale(band, 1 / scale, upright), upright };
    if (scale === 1) return undefined;
  }
  return undefined;
}

function toFullScale(band: MrzBand, factor: number, image: GreyImage): MrzBand {
  const left = Math.max(0, Math.floor(band.left * factor));
  const top = Math.max(0, Math.floor(band.top * factor));
  return {
    left,
    top,
    width: Math.min(image.width - left, Math.ceil(band.width * factor)),
    height: Math.min(image.height - top, Math.ceil(band.height * factor)),
    lineCount: band.lineCount,
    lineHeight: band.lineHeight * factor,
  };
}
