import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStorage } from '@kyc/storage';
import { documentStorageContract } from './document-storage-contract';

documentStorageContract('LocalFileStorage', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kyc-storage-contract-'));
  return { storage: new LocalFileStorage(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});
