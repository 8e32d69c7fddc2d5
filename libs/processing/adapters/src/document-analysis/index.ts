export * from './document-analysis';
export * from './document-analysis-error';
export { analyseDocuments } from './analyse-documents';
export {
  type AnalyseOptions,
  DocumentAnalysisWorker,
  type DocumentAnalysisWorkerOptions,
  type DocumentAnalysisWorkerStats,
} from './document-analysis-worker';
export type { AnalysisEngineSettings } from './worker-messages';
