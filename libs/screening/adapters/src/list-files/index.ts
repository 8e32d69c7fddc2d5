export { defaultListFiles, type ListFilesConfig, type OfacListFiles } from './list-files.config';
export { loadSanctionsLists } from './load-sanctions-lists';
export { ListFileReadError, readListFile } from './read-list-file';
