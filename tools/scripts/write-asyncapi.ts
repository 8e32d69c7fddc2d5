/** `npm run docs:asyncapi`: writes docs/asyncapi.yaml from the contract (a test checks it is up to date). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { sessionEventsAsyncApi } from '../../libs/contracts/src/session-events.asyncapi';

const header = '# Generated from libs/contracts by `npm run docs:asyncapi`; edit the contract, not this file.\n';
writeFileSync(join(__dirname, '..', '..', 'docs', 'asyncapi.yaml'), header + stringify(sessionEventsAsyncApi(), { aliasDuplicateObjects: false }));
