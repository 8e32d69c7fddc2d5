import { join } from 'node:path';

/** One OFAC SDN publication in the legacy CSV format. Only sdn.csv is required (OFAC's primary file). */
export interface OfacListFiles {
  sdn: string;
  alt?: string;
  add?: string;
  comments?: string;
  /**
   * The publication date (ISO 8601). The legacy files carry none; without it the sdn file's modification time is
   * used, which is right for a file downloaded as published.
   */
  publishedAt?: string;
}

/** Where each list's files are. Any file may be plain or gzip-compressed; a list left out is not loaded. */
export interface ListFilesConfig {
  ofac?: OfacListFiles;
  /** UN Security Council Consolidated List, XML. */
  un?: string;
  /** EU consolidated financial sanctions list, derived JSON. */
  eu?: string;
}

/** The list files the project ships, under `sanctionsDir` (the repository's `data/sanctions` folder). */
export function defaultListFiles(sanctionsDir: string): ListFilesConfig {
  const ofacDir = join(sanctionsDir, 'ofac', 'sdn-2023-12-28');
  return {
    ofac: {
      sdn: join(ofacDir, 'sdn.csv.gz'),
      alt: join(ofacDir, 'alt.csv.gz'),
      add: join(ofacDir, 'add.csv.gz'),
      comments: join(ofacDir, 'sdn_comments.csv.gz'),
      publishedAt: '2023-12-28',
    },
    un: join(sanctionsDir, 'un', 'un-consolidated-2026-02-27.xml.gz'),
    eu: join(sanctionsDir, 'eu', 'eu-fsf-derived-2025-04-15.json.gz'),
  };
}
