import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ListParseError } from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultListFiles } from './list-files.config';
import { loadSanctionsLists } from './load-sanctions-lists';
import { ListFileReadError, readListFile } from './read-list-file';

const SANCTIONS_DIR = resolve(__dirname, '../../../../../data/sanctions');

describe('list files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'list-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('readListFile', () => {
    it('decompresses by the gzip magic bytes, whatever the file is called', async () => {
      await writeFile(join(dir, 'compressed.csv'), gzipSync('1,"A"\r\n'));
      await writeFile(join(dir, 'plain.csv.gz'), '1,"A"\r\n');
      expect(await readListFile(join(dir, 'compressed.csv'))).toBe('1,"A"\r\n');
      expect(await readListFile(join(dir, 'plain.csv.gz'))).toBe('1,"A"\r\n');
    });

    it('names the path of a file that is missing or a broken gzip', async () => {
      const missing = join(dir, 'missing.csv');
      await expect(readListFile(missing)).rejects.toMatchObject({ name: 'ListFileReadError', file: missing });
      const broken = join(dir, 'broken.gz');
      await writeFile(broken, gzipSync('some text').subarray(0, 12));
      const error = await readListFile(broken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListFileReadError);
      expect((error as ListFileReadError).message).toContain(broken);
    });
  });

  describe('loadSanctionsLists', () => {
    it('loads the shipped OFAC, UN and EU lists', async () => {
      const started = performance.now();
      const snapshots = await loadSanctionsLists(defaultListFiles(SANCTIONS_DIR));
      const elapsed = performance.now() - started;
      expect(snapshots.map((s) => [s.list, s.publishedAt, s.entities.length])).toEqual([
        ['ofac', '2023-12-28', 13_821],
        ['un', '2026-02-27T00:00:09.554Z', 1_003],
        ['eu', '2025-04-15T10:47:55.991021', 5_307],
      ]);
      expect(snapshots[0].entities.flatMap((e) => e.cryptoAddresses)).toHaveLength(579);
      console.info(`sanctions lists read and parsed in ${elapsed.toFixed(0)} ms`);
    });

    it('loads the OFAC primary file alone (2024-05-03)', async () => {
      const [ofac] = await loadSanctionsLists({
        ofac: { sdn: join(SANCTIONS_DIR, 'ofac', 'sdn-2024-05-03.csv.gz'), publishedAt: '2024-05-03' },
      });
      expect(ofac.entities).toHaveLength(14_965);
      expect(ofac.publishedAt).toBe('2024-05-03');
    });

    it('dates an OFAC file without a configured date by its modification time', async () => {
      const sdn = join(dir, 'sdn.csv');
      await writeFile(
        sdn,
        '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001a',
      );
      const modified = new Date('2024-05-03T18:43:23.000Z');
      await utimes(sdn, modified, modified);
      const [ofac] = await loadSanctionsLists({ ofac: { sdn } });
      expect(ofac.publishedAt).toBe(modified.toISOString());
      expect(ofac.entities.map((e) => e.id)).toEqual(['ofac:36']);
    });

    it('rejects with the path and line of a file that does not parse', async () => {
      const shipped = defaultListFiles(SANCTIONS_DIR);
      const alt = join(dir, 'alt.csv');
      await writeFile(alt, '36,12,"aka","AERO-CARIBBEAN",-0- \r\n36,13,"aka","BROKEN,-0- \r\n');
      const error = await loadSanctionsLists({ ...shipped, ofac: { ...shipped.ofac!, alt } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ListParseError);
      expect(error).toMatchObject({ file: alt, line: 2 });

      const un = join(dir, 'un.xml.gz');
      await writeFile(
        un,
        gzipSync('<CONSOLIDATED_LIST dateGenerated="x">\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>'),
      );
      await expect(loadSanctionsLists({ un })).rejects.toMatchObject({
        name: 'ListParseError',
        file: un,
        line: 3,
      });

      const eu = join(dir, 'eu.json');
      await writeFile(eu, '{\n"meta": {"timestamp": "2025-04-15"},\n"data": [}\n');
      await expect(loadSanctionsLists({ eu })).rejects.toMatchObject({ file: eu, line: 3 });
    });
  });
});
