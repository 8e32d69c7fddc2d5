import { stat } from 'node:fs/promises';
import {
  EU_FILE_LABEL,
  ListParseError,
  OFAC_FILE_LABELS,
  UN_FILE_LABEL,
  parseEuFsfJson,
  parseOfacLegacyCsv,
  parseUnConsolidatedXml,
  type ListSnapshot,
} from '@kyc/screening-domain';
import type { ListFilesConfig, OfacListFiles } from './list-files.config';
import { readListFile } from './read-list-file';

/**
 * Reads and parses every configured list, in the order OFAC, UN, EU. Rejects with a ListParseError naming the
 * file's path and line when a file does not parse, or a ListFileReadError when it cannot be read; nothing is
 * returned then, so the caller keeps the versions it already has.
 */
export async function loadSanctionsLists(config: ListFilesConfig): Promise<ListSnapshot[]> {
  const loads: Promise<ListSnapshot>[] = [];
  if (config.ofac) loads.push(loadOfac(config.ofac));
  if (config.un) loads.push(loadList(config.un, UN_FILE_LABEL, parseUnConsolidatedXml));
  if (config.eu) loads.push(loadList(config.eu, EU_FILE_LABEL, parseEuFsfJson));
  return Promise.all(loads);
}

async function loadList(
  path: string,
  label: string,
  parse: (text: string) => ListSnapshot,
): Promise<ListSnapshot> {
  const text = await readListFile(path);
  return withPaths(() => parse(text), { [label]: path });
}

async function loadOfac(files: OfacListFiles): Promise<ListSnapshot> {
  const optional = (path: string | undefined) => (path === undefined ? undefined : readListFile(path));
  const [sdn, alt, add, comments, publishedAt] = await Promise.all([
    readListFile(files.sdn),
    optional(files.alt),
    optional(files.add),
    optional(files.comments),
    files.publishedAt ?? stat(files.sdn).then((s) => s.mtime.toISOString()),
  ]);
  const paths: Record<string, string | undefined> = {
    [OFAC_FILE_LABELS.sdn]: files.sdn,
    [OFAC_FILE_LABELS.alt]: files.alt,
    [OFAC_FILE_LABELS.add]: files.add,
    [OFAC_FILE_LABELS.comments]: files.comments,
  };
  return withPaths(() => parseOfacLegacyCsv({ sdn, alt, add, comments, publishedAt }), paths);
}

/** The parsers name files by label; on disk the operator needs the configured path. */
function withPaths(parse: () => ListSnapshot, paths: Record<string, string | undefined>): ListSnapshot {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ListParseError) {
      throw new ListParseError(paths[error.file] ?? error.file, error.line, error.reason);
    }
    throw error;
  }
}
