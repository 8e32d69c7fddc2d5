import { TENANT_SCOPES } from '@kyc/gateway-http';
import { ApiClient } from './api-client';
import { ROOT_KEY } from './test-platform';

export const ALL_SCOPES: string[] = [...TENANT_SCOPES];

/** A 1x1 PNG and a minimal PDF: real files as far as content sniffing goes. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export const BASIC_WORKFLOW = {
  name: 'Basic KYC',
  steps: [
    { step_id: 'id_document', type: 'document', name: 'Identity document', document_types: ['id', 'passport'] },
    { step_id: 'selfie', type: 'selfie' },
    {
      step_id: 'personal_info',
      type: 'form',
      fields: [
        { field_id: 'full_name', name: 'Full Name', type: 'name', required: true },
        { field_id: 'date_of_birth', name: 'Date of Birth', type: 'date', required: true },
        { field_id: 'email', name: 'Email', type: 'email' },
      ],
    },
  ],
  validations: { lists: true, face_match: true, adverse_media: true, crypto: false, web: false },
  custom_tags: { department: 'onboarding', region: 'latam' },
  default_ttl_days: 7,
};

export function fileForm(bytes: Uint8Array, fileName: string, documentType?: string, mime = 'application/octet-stream'): FormData {
  const form = new FormData();
  if (documentType) form.append('document_type', documentType);
  form.append('file', new Blob([bytes], { type: mime }), fileName);
  return form;
}

/** A new tenant and an API key with the given scopes (all by default). */
export async function tenantClient(baseUrl: string, scopes: string[] = ALL_SCOPES, name = 'Acme'): Promise<{ api: ApiClient; tenantId: string }> {
  const root = new ApiClient(baseUrl, ROOT_KEY);
  const tenant = await root.post('/admin/tenants', { name });
  if (tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const tenantId = tenant.body.data.tenant_id as string;
  const key = await root.post(`/admin/tenants/${tenantId}/api-keys`, { name: 'test', scopes });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${JSON.stringify(key.body)}`);
  return { api: new ApiClient(baseUrl, key.body.data.api_key), tenantId };
}

/** The end user fills the basic workflow completely through the public API. */
export async function completeBasicSession(baseUrl: string, accessToken: string): Promise<void> {
  const user = new ApiClient(baseUrl);
  const base = `/public/api/sessions/${accessToken}`;
  const expectOk = (r: { status: number; body: unknown }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  expectOk(await user.post(`${base}/steps/id_document/documents`, fileForm(PNG_BYTES, 'id.png', 'id')), 'upload id');
  expectOk(await user.post(`${base}/steps/id_document/complete`), 'complete id');
  expectOk(await user.post(`${base}/steps/selfie/documents`, fileForm(PNG_BYTES, 'selfie.png', 'selfie')), 'upload selfie');
  expectOk(await user.post(`${base}/steps/selfie/complete`), 'complete selfie');
  expectOk(
    await user.put(`${base}/steps/personal_info/form`, { values: { full_name: 'John Doe', date_of_birth: '1990-01-15', email: 'john@example.com' } }),
    'save form',
  );
  expectOk(await user.post(`${base}/steps/personal_info/complete`), 'complete form');
}
