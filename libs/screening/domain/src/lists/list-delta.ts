import type { ListSnapshot, SanctionedEntity } from '../model';

export interface ListDelta {
  /** Entities whose id the previous version did not have. */
  added: SanctionedEntity[];
  /** Entities of the next version whose screening-relevant facts differ from the previous version's. */
  changed: SanctionedEntity[];
  /** Ids the next version no longer has. */
  removed: string[];
}

/**
 * What a newer version of a list changes for screening: approved customers need re-screening only against what is
 * new or changed. Only the facts that matching uses count; an edited address or remark does not re-screen anyone.
 * Order of aliases and other values is ignored: lists re-sort them between publications.
 */
export function listDelta(previous: ListSnapshot, next: ListSnapshot): ListDelta {
  const before = new Map(previous.entities.map((e) => [e.id, e]));
  const nextIds = new Set<string>();
  const delta: ListDelta = { added: [], changed: [], removed: [] };
  for (const entity of next.entities) {
    nextIds.add(entity.id);
    const old = before.get(entity.id);
    if (!old) delta.added.push(entity);
    else if (screeningFingerprint(old) !== screeningFingerprint(entity)) delta.changed.push(entity);
  }
  for (const entity of previous.entities) if (!nextIds.has(entity.id)) delta.removed.push(entity.id);
  return delta;
}

/** The facts of an entity that matching uses, in a canonical form: equal when nothing screening-relevant changed. */
export function screeningFingerprint(entity: SanctionedEntity): string {
  const sorted = (items: string[]): string[] => [...items].sort();
  return JSON.stringify([
    entity.type,
    entity.name,
    sorted(entity.aliases.map((a) => `${a.strength}|${a.kind}|${a.name}`)),
    sorted(entity.birthDates.map((d) => `${d.year}|${d.month ?? ''}|${d.day ?? ''}|${d.toYear ?? ''}`)),
    sorted(entity.nationalities),
    sorted(entity.programs),
    sorted(entity.cryptoAddresses.map((c) => `${c.currency}|${c.address}`)),
  ]);
}
