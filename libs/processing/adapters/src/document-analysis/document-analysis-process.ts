/**
 * Entry point of the process that analyses documents: the engines are started once, then requests are
 * analysed one at a time as the parent sends them. Run with `fork`, never imported.
 */
import { FaceEngine, MrzReader } from '@kyc/documents-adapters';
import { analyseDocuments } from './analyse-documents';
import type { DocumentAnalysisEngines } from './document-analysis';
import { DocumentAnalysisError } from './document-analysis-error';
import type { AnalysisEngineSettings, FromAnalysisProcess, ToAnalysisProcess } from './worker-messages';

const SHUTDOWN_LIMIT_MS = 5_000;

function report(message: FromAnalysisProcess): void {
  // The parent may be gone already (it killed this process or died): nothing left to tell.
  process.send?.(message, undefined, undefined, () => undefined);
}

function rss(): number {
  return process.memoryUsage.rss();
}

function analyse(
  { id, request }: Extract<ToAnalysisProcess, { kind: 'analyse' }>,
  engines: DocumentAnalysisEngines,
): void {
  analyseDocuments(request, engines).then(
    (analysis) => report({ kind: 'analysed', id, analysis, rss_bytes: rss() }),
    (error: unknown) =>
      report({
        kind: 'analysis_failed',
        id,
        code: error instanceof DocumentAnalysisError ? error.code : 'analysis_failed',
        message: error instanceof Error ? error.message : String(error),
        rss_bytes: rss(),
      }),
  );
}

async function main(settings: AnalysisEngineSettings): Promise<void> {
  const mrz = new MrzReader(settings.mrz);
  const faces = settings.faces === false ? null : new FaceEngine(settings.faces);
  const shutDown = async () => {
    // Closing waits for a read in progress; an orphaned process must not linger if that read hangs.
    setTimeout(() => process.exit(0), SHUTDOWN_LIMIT_MS).unref();
    await mrz.close().catch(() => undefined);
    process.exit(0);
  };
  // The parent going away closes the channel: nothing would ever ask this process for work again.
  process.on('disconnect', shutDown);
  process.on('message', (message: ToAnalysisProcess) => {
    if (message.kind === 'shutdown') void shutDown();
    else analyse(message, { mrz, faces });
  });
  // The parent may have died while this module was loading, before anyone listened.
  if (!process.connected) await shutDown();
  try {
    await Promise.all([mrz.init(), faces?.init()]);
  } catch (error) {
    report({ kind: 'start_failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  report({ kind: 'ready', rss_bytes: rss() });
}

void main(JSON.parse(process.argv[2] ?? '{}') as AnalysisEngineSettings);
