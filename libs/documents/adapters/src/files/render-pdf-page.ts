import { dirname, join } from 'node:path';
import { DocumentFileError } from './document-file-error';
import type { RawPixels } from './normalise-image';

export interface PdfRenderLimits {
  /** Rendering resolution; 200 dpi keeps OCR-B MRZ characters about 25 px high. */
  dpi: number;
  /** Longest edge of the rendered page; a larger page is rendered at a lower resolution. */
  maxEdge: number;
  /** Largest image inside the PDF that may be decoded, in pixels. */
  maxImagePixels: number;
  timeoutMs: number;
}

export interface RenderedPdfPage {
  pixels: RawPixels;
  pageCount: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type RenderCanvas = Parameters<Awaited<ReturnType<PdfDocument['getPage']>>['render']>[0]['canvas'];

let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js is ESM-only and its legacy build is the one meant for Node; it is loaded on first use. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    pdfjs = undefined;
    throw error;
  });
  return pdfjs;
}

/**
 * Renders the first page of a PDF, and only that page: the document image the engines read. Fonts, CMaps
 * and the image decoders' WASM come from the pdfjs-dist package, never from the network; scripts are never
 * evaluated, and a PDF that carries JavaScript or attached files is refused.
 */
export async function renderFirstPdfPage(
  bytes: Uint8Array,
  limits: PdfRenderLimits,
): Promise<RenderedPdfPage> {
  const { getDocument } = await loadPdfJs();
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  const task = getDocument({
    // pdf.js takes ownership of (transfers) the buffer it is given, so it gets a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    wasmUrl: `${join(root, 'wasm')}/`,
    iccUrl: `${join(root, 'iccs')}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    enableXfa: false,
    maxImageSize: limits.maxImagePixels,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DocumentFileError('timeout', `Rendering the PDF took longer than ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([render(task, limits), timeout]);
  } catch (error) {
    throw asDocumentFileError(error);
  } finally {
    clearTimeout(timer);
    // Stops any parsing or rendering still running and frees the document; not awaited, so that a timeout
    // returns at once.
    task.destroy().catch(() => undefined);
  }
}

async function render(
  task: ReturnType<PdfJs['getDocument']>,
  limits: PdfRenderLimits,
): Promise<RenderedPdfPage> {
  const pdf = await task.promise;
  if (pdf.numPages < 1) throw new DocumentFileError('pdf_unreadable', 'The PDF has no page');
  const [scripts, attachments] = await Promise.all([pdf.getJSActions(), pdf.getAttachments()]);
  if (scripts && Object.keys(scripts).length > 0) {
    throw new DocumentFileError('active_content', 'The PDF contains JavaScript');
  }
  if (attachments && Object.keys(attachments).length > 0) {
    throw new DocumentFileError('active_content', 'The PDF carries attached files');
  }
  const page = await pdf.getPage(1);
  const pageScripts = await page.getJSActions();
  if (pageScripts && Object.keys(pageScripts).length > 0) {
    throw new DocumentFileError('active_content', 'The PDF page contains JavaScript');
  }
  const natural = page.getViewport({ scale: 1 });
  const scale = Math.min(limits.dpi / 72, limits.maxEdge / Math.max(natural.width, natural.height));
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  // @napi-rs/canvas implements the 2D canvas API pdf.js draws with; the DOM types do not know it.
  await page.render({ canvas: canvas as unknown as RenderCanvas, viewport }).promise;
  const pixels = context.getImageData(0, 0, width, height);
  return {
    pixels: {
      data: Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength),
      width,
      height,
      channels: 4,
    },
    pageCount: pdf.numPages,
  };
}

function asDocumentFileError(error: unknown): DocumentFileError {
  if (error instanceof DocumentFileError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new DocumentFileError('pdf_encrypted', 'The PDF is protected by a password', { cause: error });
  }
  return new DocumentFileError('pdf_unreadable', `The PDF could not be read: ${message}`, { cause: error });
}
