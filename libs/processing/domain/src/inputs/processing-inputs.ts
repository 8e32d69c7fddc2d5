import type { Session, SessionDocument } from '@kyc/session-domain';
import type { DocumentType, FormField } from '@kyc/workflow-domain';

/** Document types that carry the holder's identity data and photo. */
export const IDENTITY_DOCUMENT_TYPES: readonly DocumentType[] = ['id', 'passport', 'driver_license'];

export interface FormInput {
  step_id: string;
  fields: FormField[];
  values: Record<string, unknown>;
}

export interface UrlFieldInput {
  step_id: string;
  field_id: string;
  url: string;
}

/** What a processing run works on, picked from the session as its customer left it. */
export interface ProcessingInputs {
  identityDocuments: SessionDocument[];
  /** The selfie (the latest one uploaded), null when the workflow has no selfie step or it was skipped. */
  selfie: SessionDocument | null;
  forms: FormInput[];
  urlFields: UrlFieldInput[];
}

export function processingInputsOf(session: Session): ProcessingInputs {
  const identityDocuments: SessionDocument[] = [];
  const selfies: SessionDocument[] = [];
  const forms: FormInput[] = [];
  const urlFields: UrlFieldInput[] = [];
  for (const step of session.steps) {
    const definition = step.definition;
    if (definition.type === 'document') {
      identityDocuments.push(...step.documents.filter((doc) => IDENTITY_DOCUMENT_TYPES.includes(doc.document_type)));
    } else if (definition.type === 'selfie') {
      selfies.push(...step.documents);
    } else if (definition.type === 'form') {
      forms.push({ step_id: step.step_id, fields: definition.fields, values: step.form_values });
      for (const field of definition.fields) {
        const value = step.form_values[field.field_id];
        if (field.type === 'url' && typeof value === 'string' && value.trim() !== '') {
          urlFields.push({ step_id: step.step_id, field_id: field.field_id, url: value.trim() });
        }
      }
    }
  }
  const selfie = selfies.reduce<SessionDocument | null>(
    (latest, doc) => (latest === null || doc.uploaded_version > latest.uploaded_version ? doc : latest),
    null,
  );
  return { identityDocuments, selfie, forms, urlFields };
}
