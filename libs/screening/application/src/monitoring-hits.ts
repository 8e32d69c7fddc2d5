import type { CryptoAddressIndex, NameScreeningIndex, SanctionedEntity } from '@kyc/screening-domain';
import { allHits, type ScreeningHit, type Session } from '@kyc/session-domain';
import { addressHits, nameHits } from './screening-hit';
import { subjectsOf } from './session-subjects';

/** The entities a session is screened against after its approval, indexed. */
export interface MonitoringIndex {
  names: NameScreeningIndex;
  crypto: CryptoAddressIndex;
  entityOf(id: string): SanctionedEntity | undefined;
}

/**
 * The session's hits in `index` that it does not know yet: a hit already on the session (from its validation
 * or from monitoring), standing or dismissed, is not raised again.
 */
export function freshMonitoringHits(session: Session, index: MonitoringIndex, maxHitsPerName: number): ScreeningHit[] {
  const subjects = subjectsOf(session);
  const known = new Set([...Object.keys(session.screening.dismissed), ...allHits(session.screening).map((hit) => hit.match_id)]);
  const hits = [
    ...subjects.names.flatMap((name) => nameHits(index.names, name, subjects, maxHitsPerName, 'monitoring')),
    ...subjects.cryptoAddresses.flatMap(({ address }) => addressHits(index.crypto, address, (id) => index.entityOf(id))),
  ];
  return hits.filter((hit) => !known.has(hit.match_id));
}
