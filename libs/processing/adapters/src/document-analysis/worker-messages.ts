import type { FaceEngineOptions, MrzReaderOptions } from '@kyc/documents-adapters';
import type { DocumentAnalysis, DocumentAnalysisRequest } from './document-analysis';
import type { DocumentAnalysisErrorCode } from './document-analysis-error';

/** How the analysis process sets up its engines; plain data, as it travels on the command line. */
export interface AnalysisEngineSettings {
  mrz?: Pick<MrzReaderOptions, 'engine' | 'timeoutMs'>;
  /** false: no face engine is loaded, and a requested face match fails with face_engine_unavailable. */
  faces?: FaceEngineOptions | false;
}

/** Sent to the analysis process. */
export type ToAnalysisProcess =
  { kind: 'analyse'; id: number; request: DocumentAnalysisRequest } | { kind: 'shutdown' };

/** Sent by the analysis process; each report carries its resident memory at that moment. */
export type FromAnalysisProcess =
  | { kind: 'ready'; rss_bytes: number }
  | { kind: 'start_failed'; message: string }
  | { kind: 'analysed'; id: number; analysis: DocumentAnalysis; rss_bytes: number }
  | {
      kind: 'analysis_failed';
      id: number;
      code: DocumentAnalysisErrorCode;
      message: string;
      rss_bytes: number;
    };
