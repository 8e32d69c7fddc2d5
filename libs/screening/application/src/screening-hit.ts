import { createHash } from 'node:crypto';
import type { CryptoAddressIndex, NameScreeningIndex, SanctionedEntity } from '@kyc/screening-domain';
import type { ScreeningHit, ScreeningSource } from '@kyc/session-domain';

/**
 * The same subject hitting the same entity gets the same id in every run, so a reviewer's dismissal keeps
 * holding when the session is validated again (and when monitoring finds the entity anew).
 */
export function matchIdOf(source: ScreeningSource, entityId: string, subject: string): string {
  const kind = source === 'crypto' ? 'crypto' : 'name';
  const normalized = subject.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `m_${createHash('sha256').update(`${kind}|${entityId}|${normalized}`).digest('hex').slice(0, 16)}`;
}

function hitOf(fields: Omit<ScreeningHit, 'match_id'>): ScreeningHit {
  return { match_id: matchIdOf(fields.source, fields.entity_id, fields.subject), ...fields };
}

/** Hits of one name at or above the engine's decision threshold, one per entity, best first. */
export function nameHits(
  index: NameScreeningIndex,
  name: string,
  context: { birthYear?: number; country?: string },
  limit: number,
  source: 'lists' | 'monitoring',
): ScreeningHit[] {
  const matches = index.search({
    name,
    limit,
    ...(context.birthYear ? { birthYear: context.birthYear } : {}),
    ...(context.country ? { country: context.country } : {}),
  });
  return matches.map((match) =>
    hitOf({
      source,
      entity_id: match.entity.id,
      list: match.entity.list,
      name: match.entity.name,
      matched_name: match.matchedName,
      score: match.score,
      type: match.entity.type,
      programs: match.entity.programs,
      subject: name,
      explanation: match.explanation,
    }),
  );
}

/** Listed wallets an address is (exact match after normalisation). */
export function addressHits(
  index: CryptoAddressIndex,
  address: string,
  entityOf: (id: string) => SanctionedEntity | undefined,
): ScreeningHit[] {
  return index.lookup(address).map((hit) => {
    const entity = entityOf(hit.entity_id);
    return hitOf({
      source: 'crypto',
      entity_id: hit.entity_id,
      list: entity?.list ?? hit.entity_id.slice(0, hit.entity_id.indexOf(':')),
      name: hit.entity_name,
      matched_name: hit.address,
      score: 1,
      type: entity?.type ?? 'organization',
      programs: entity?.programs ?? [],
      subject: address,
      explanation: { address: { currency: hit.currency, listed: hit.address, kind: 'exact' } },
    });
  });
}
