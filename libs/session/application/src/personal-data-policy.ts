/**
 * Where personal data sits in each event's data, as paths: `a.b` is a nested key, `a[].b` the key `b` of every
 * element of the array `a`, `a.*` every value of the object `a` (its keys, e.g. form field ids, stay
 * readable). Those values are sealed with the session's data key before they reach the event store, so
 * deleting the key (crypto-shredding) makes them unreadable everywhere the events were copied.
 */
export const PERSONAL_DATA_PATHS: Readonly<Record<string, readonly string[]>> = {
  SessionCreated: ['metadata', 'parent.label'],
  FormSubmitted: ['values.*'],
  DocumentUploaded: ['file_name'],
  SubsessionCreated: ['label'],
  StatusChanged: ['notes'],
  ReviewUpdated: ['notes'],
  CorrectionRequested: ['comment', 'corrections[].message'],
  SessionExtended: ['comment'],
  ValidationCompleted: [
    'results.lists_check.matches[].subject',
    'results.lists_check.matches[].explanation',
    'results.crypto_check.matches[].subject',
    'results.crypto_check.matches[].explanation',
    'results.adverse_media_check.articles[].matched_text',
  ],
  MatchDismissed: ['reason'],
  MonitoringHitDetected: ['matches[].subject', 'matches[].explanation'],
  ProcessingCompleted: [
    'results.extraction_results.*',
    'results.external_validations.lists_check.matches[].subject',
    'results.external_validations.lists_check.matches[].explanation',
    'results.external_validations.crypto_check.matches[].subject',
    'results.external_validations.crypto_check.matches[].explanation',
    'results.external_validations.adverse_media_check.articles[].matched_text',
    'results.web_validation_results[].url',
    'results.web_validation_results[].checks',
  ],
};

/**
 * Whose personal data an event carries when it is not the stream's own subject: the label of a related party
 * recorded in its parent's stream is sealed with the subsession's key, so deleting that one subsession erases
 * it from the parent's history too.
 */
const PERSONAL_DATA_SUBJECTS: Readonly<Record<string, (data: Record<string, unknown>) => unknown>> = {
  SubsessionCreated: (data) => data['subsession_id'],
};

/** The subject (data key) that seals the personal data of an event recorded in `streamSubjectId`'s stream. */
export function personalDataSubject(type: string, data: unknown, streamSubjectId: string): string {
  const subjectOf = PERSONAL_DATA_SUBJECTS[type];
  if (!subjectOf || data === null || typeof data !== 'object') return streamSubjectId;
  const subject = subjectOf(data as Record<string, unknown>);
  return typeof subject === 'string' && subject.length > 0 ? subject : streamSubjectId;
}

/** Applies `transform` to the value at every personal-data path of `data` (a copy; the input is untouched). */
export async function mapPersonalData(
  type: string,
  data: unknown,
  transform: (value: unknown) => Promise<unknown>,
): Promise<unknown> {
  const paths = PERSONAL_DATA_PATHS[type];
  if (!paths || data === null || typeof data !== 'object') return data;
  let result = structuredClone(data) as Record<string, unknown>;
  for (const path of paths) result = (await mapPath(result, path.split('.'), transform)) as Record<string, unknown>;
  return result;
}

async function mapPath(node: unknown, segments: string[], transform: (value: unknown) => Promise<unknown>): Promise<unknown> {
  if (node === null || typeof node !== 'object') return node;
  const [head, ...rest] = segments;
  const record = node as Record<string, unknown>;
  const apply = (value: unknown) => (rest.length === 0 ? transform(value) : mapPath(value, rest, transform));
  if (head === '*') {
    for (const key of Object.keys(record)) record[key] = await apply(record[key]);
    return record;
  }
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  if (!(key in record) || record[key] === null || record[key] === undefined) return node;
  if (isArray) {
    const items = record[key];
    if (Array.isArray(items)) record[key] = await Promise.all(items.map(apply));
  } else {
    record[key] = await apply(record[key]);
  }
  return record;
}
