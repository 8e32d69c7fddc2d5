/**
 * Entry point of the process that analyses documents: the engines are started once, then requests are
 * analysed one at a time as the parent sends them. Run with `fork`, never imported.
 */
import { FaceEngine, MrzReader } from '@kyc/documents-adapters';
import { analyseDocuments } from './analyse-documents';
import { DocumentAnalysisError } from './document-analysis-error';
import type { AnalysisEngineSettings, FromAnalysisProcess, ToAnalysisProcess } from './worker-messages';

function report(message: FromAnalysisProcess): void {
  // The parent may be gone already (it killed this process or died): nothing left to tell.
  process.send?.(message, undefined, undefined, () => undefined);
}

function rss(): number {
  return process.memoryUsage.rss();
}

async function main(settings: AnalysisEngineSettings): Promise<void> {
  const started = performance.now();
  const mrz = new MrzReader(settings.mrz);
  const faces = settings.faces === false ? null : new FaceEngine(settings.faces);
  try {
    await Promise.all([mrz.init(), faces?.init()]);
  } catch (error) {
    report({ kind: 'start_failed', message: (error as Error).message });
    process.exit(1);
  }

  const shutDown = async () => {
    await mrz.close().catch(() => undefined);
    process.exit(0);
  };
  // The parent going away closes the channel: nothing would ever ask this process for work again.
  process.on('disconnect', shutDown);
  process.on('message', (message: ToAnalysisProcess) => {
    if (message.kind === 'shutdown') {
      void shutDown();
      return;
    }
    analyseDocuments(message.request, { mrz, faces }).then(
      (analysis) => report({ kind: 'analysed', id: message.id, analysis, rss_bytes: rss() }),
      (error: unknown) =>
        report({
          kind: 'analysis_failed',
          id: message.id,
          code: error instanceof DocumentAnalysisError ? error.code : 'analysis_failed',
          message: error instanceof Error ? error.message : String(error),
          rss_bytes: rss(),
        }),
    );
  });
  report({ kind: 'ready', warm_up_ms: performance.now() - started, rss_bytes: rss() });
}

void main(JSON.parse(process.argv[2] ?? '{}') as AnalysisEngineSettings);
