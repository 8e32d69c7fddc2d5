import type { ApiResponse } from './api-client';
import { ApiClient } from './api-client';
import { fileForm } from './fixtures';

/** A passport, a selfie and the customer's identity: what processing reads, checks and matches. */
export const PASSPORT_WORKFLOW = {
  name: 'Passport KYC',
  steps: [
    { step_id: 'id_document', type: 'document', name: 'Passport', document_types: ['passport', 'id'] },
    { step_id: 'selfie', type: 'selfie' },
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'nationality', name: 'Nationality', type: 'country', required: true },
      ],
    },
  ],
  validations: { lists: true, face_match: true, adverse_media: false, crypto: false, web: false },
};

export interface PassportUploads {
  passport: { bytes: Uint8Array; fileName: string; mimeType?: string };
  selfie: { bytes: Uint8Array; fileName: string; mimeType?: string };
  values: Record<string, string>;
}

function dataOf(response: ApiResponse, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** The customer's part through the public API: passport, selfie, form, each step completed. */
export async function completePassportSession(
  baseUrl: string,
  accessToken: string,
  uploads: PassportUploads,
): Promise<{ passportDocId: string }> {
  const user = new ApiClient(baseUrl);
  const base = `/public/api/sessions/${accessToken}/steps`;
  const upload = (step: string, file: PassportUploads['passport'], type: string) =>
    user.post(`${base}/${step}/documents`, fileForm(file.bytes, file.fileName, type, file.mimeType));
  const passport = dataOf(await upload('id_document', uploads.passport, 'passport'), 201, 'upload passport');
  dataOf(await user.post(`${base}/id_document/complete`), 200, 'complete passport');
  dataOf(await upload('selfie', uploads.selfie, 'selfie'), 201, 'upload selfie');
  dataOf(await user.post(`${base}/selfie/complete`), 200, 'complete selfie');
  dataOf(await user.put(`${base}/personal_info/form`, { values: uploads.values }), 200, 'save form');
  dataOf(await user.post(`${base}/personal_info/complete`), 200, 'complete form');
  return { passportDocId: passport.doc_id as string };
}
