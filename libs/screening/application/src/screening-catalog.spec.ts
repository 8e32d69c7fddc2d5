import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSanctionsLists } from '@kyc/screening-adapters';
import { ListParseError } from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreeningCatalog } from './screening-catalog';

const OFAC = resolve(__dirname, '../../../../data/sanctions/ofac');

describe('ScreeningCatalog', () => {
  let dir: string;
  let sdn: string;
  let catalog: ScreeningCatalog;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    sdn = join(dir, 'sdn.csv.gz');
    await copyFile(join(OFAC, 'sdn-2023-12-28', 'sdn.csv.gz'), sdn);
    catalog = new ScreeningCatalog(() => loadSanctionsLists({ ofac: { sdn } }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads once on first use, shared by concurrent callers', async () => {
    const [a, b] = await Promise.all([catalog.lists(), catalog.lists()]);
    expect(a).toBe(b);
    expect(a.snapshots.get('ofac')?.entities).toHaveLength(13_821);
    expect(a.entities.get('ofac:35096')?.name).toBe('PUTIN, Vladimir Vladimirovich');
  });

  it('keeps the lists in force when a reload finds nothing new', async () => {
    const before = await catalog.lists();
    expect(await catalog.reload()).toBe(false);
    expect(await catalog.lists()).toBe(before);
  });

  it('keeps the version in force when the new file does not parse, and names the file and line', async () => {
    const before = await catalog.lists();
    await writeFile(sdn, '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,"BROKEN\r\n');
    const error = await catalog.reload().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListParseError);
    expect(error).toMatchObject({ file: sdn, line: 2 });
    expect(await catalog.lists()).toBe(before);
    expect((await catalog.lists()).names.search({ name: 'Vladimir Putin' })[0]?.entity.id).toBe('ofac:35096');
  });

  it('swaps in a newer publication as a whole', async () => {
    await copyFile(join(OFAC, 'sdn-2024-05-03.csv.gz'), sdn);
    expect(await catalog.reload()).toBe(true);
    expect((await catalog.lists()).snapshots.get('ofac')?.entities).toHaveLength(14_965);
  });
});
