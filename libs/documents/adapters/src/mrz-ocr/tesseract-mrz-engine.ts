import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { MrzOcrError } from './mrz-ocr-error';

/**
 * Tesseract's legacy (pattern-matching) engine reads OCR-B's chevrons and digits more reliably than the LSTM one,
 * which was trained on prose and turns filler runs into letters; both are offered so that they can be measured.
 */
export type MrzOcrEngineKind = 'legacy' | 'lstm';

/** One recognised character, its confidence (0..1) and its box in the recognised image. */
export interface RecognisedSymbol {
  readonly text: string;
  readonly confidence: number;
  readonly box: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

export type RecognisedLine = readonly RecognisedSymbol[];

const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** The traineddata shipped in the npm package: the legacy engine needs the 4.0.0 data, LSTM the best_int one. */
function languagePath(kind: MrzOcrEngineKind): string {
  const root = dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return join(root, kind === 'legacy' ? '4.0.0' : '4.0.0_best_int');
}

interface TesseractSymbol {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TesseractLine {
  words: { symbols: TesseractSymbol[] }[];
}

/** One long-lived tesseract worker (WASM, in a worker thread), fully offline. Not re-entrant: callers serialise. */
export class TesseractMrzEngine {
  private worker: Worker | undefined;

  constructor(private readonly kind: MrzOcrEngineKind) {}

  async init(): Promise<void> {
    if (this.worker) return;
    try {
      const worker = await createWorker(
        'eng',
        this.kind === 'legacy' ? OEM.TESSERACT_ONLY : OEM.LSTM_ONLY,
        {
          langPath: languagePath(this.kind),
          cacheMethod: 'none',
          gzip: true,
          // Without a handler tesseract.js rethrows a worker-side failure as an uncaught exception.
          errorHandler: () => undefined,
        },
        {
          // Dictionaries only pull MRZ runs towards English words.
          load_system_dawg: '0',
          load_freq_dawg: '0',
        } as never,
      );
      await worker.setParameters({
        tessedit_char_whitelist: MRZ_ALPHABET,
        tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
        // Crops carry no resolution; without one tesseract warns on every image and assumes 70 dpi.
        user_defined_dpi: '300',
      });
      this.worker = worker;
    } catch (error) {
      throw new MrzOcrError(
        'engine_unavailable',
        `Tesseract could not start: ${String((error as Error)?.message ?? error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Recognises the lines of an encoded image; on timeout the worker is discarded and restarted on next use. */
  async recognise(image: Buffer, timeoutMs: number): Promise<RecognisedLine[]> {
    await this.init();
    const worker = this.worker as Worker;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new MrzOcrError('ocr_timeout', `OCR took longer than ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const result = await Promise.race([
        worker.recognize(image, {}, { blocks: true, text: false }),
        timeout,
      ]);
      const lines: TesseractLine[] = (result.data.blocks ?? []).flatMap((block) =>
        block.paragraphs.flatMap((paragraph) => paragraph.lines as unknown as TesseractLine[]),
      );
      return lines.map((line) =>
        line.words
          .flatMap((word) => word.symbols)
          .map((symbol) => ({ text: symbol.text, confidence: symbol.confidence / 100, box: symbol.bbox })),
      );
    } catch (error) {
      if (error instanceof MrzOcrError) {
        await this.close();
        throw error;
      }
      throw new MrzOcrError(
        'engine_unavailable',
        `Tesseract failed: ${String((error as Error)?.message ?? error)}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
