import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listDelta, parseOfacLegacyCsv, type SanctionedEntity } from '@kyc/screening-domain';
import { expect } from 'vitest';
import { ApiClient } from './api-client';
import { ok } from './assertions';

const OFAC = resolve(__dirname, '../../../../data/sanctions/ofac');
/** Two real OFAC SDN publications: the shipped one and a later one (1,256 entries added). */
export const SDN_2023 = join(OFAC, 'sdn-2023-12-28', 'sdn.csv.gz');
export const SDN_2024 = join(OFAC, 'sdn-2024-05-03.csv.gz');

export const MONITORED_WORKFLOW = {
  name: 'Monitored onboarding',
  steps: [
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
      ],
    },
  ],
  validations: { lists: true, face_match: false, adverse_media: false, crypto: false, web: false },
  default_ttl_days: 7,
};

async function publication(path: string, publishedAt: string) {
  return parseOfacLegacyCsv({ sdn: gunzipSync(await readFile(path)).toString('latin1'), publishedAt });
}

/** A person OFAC designated between the two publications (with a birth date), picked from the data. */
export async function personDesignatedIn2024(): Promise<{ entity: SanctionedEntity; fullName: string; dateOfBirth: string }> {
  const [before, after] = await Promise.all([publication(SDN_2023, '2023-12-28'), publication(SDN_2024, '2024-05-03')]);
  const added = listDelta(before, after).added.filter((e) => e.type === 'person' && e.birthDates.length > 0 && e.name.includes(', '));
  expect(added.length).toBeGreaterThan(100);
  const entity = added[Math.floor(added.length / 2)];
  const [last, first] = entity.name.split(', ');
  const birth = entity.birthDates[0];
  const pad = (n: number | undefined) => String(n ?? 1).padStart(2, '0');
  return { entity, fullName: `${first} ${last}`, dateOfBirth: `${birth.year}-${pad(birth.month)}-${pad(birth.day)}` };
}

/** A session of `workflowId` the customer completed with these values, validated clear of `notHitting`. */
export async function validatedSession(
  api: ApiClient,
  workflowId: string,
  values: { full_name: string; date_of_birth: string },
  notHitting: string,
): Promise<string> {
  const created = ok(await api.post('/kyc/sessions', { workflow_id: workflowId }), 201);
  const user = new ApiClient(api.baseUrl);
  const base = `/public/api/sessions/${created.access_token}/steps/personal_info`;
  ok(await user.put(`${base}/form`, { values }));
  ok(await user.post(`${base}/complete`));
  const validation = ok(await api.post(`/kyc/sessions/${created.session_id}/validate`)).validation_results;
  expect(validation.lists_check.matches.map((m: { entity_id: string }) => m.entity_id)).not.toContain(notHitting);
  return created.session_id;
}

/** A session validated clear of `notHitting` (see validatedSession) and approved by a reviewer. */
export async function approvedSession(
  api: ApiClient,
  workflowId: string,
  values: { full_name: string; date_of_birth: string },
  notHitting: string,
): Promise<string> {
  const sessionId = await validatedSession(api, workflowId, values, notHitting);
  ok(await api.patch(`/kyc/sessions/${sessionId}`, { status: 'approved', notes: 'clear on the lists of the day' }));
  return sessionId;
}
