import {
  CryptoAddressIndex,
  DEFAULT_MATCH_THRESHOLD,
  NameScreeningIndex,
  listDelta,
  type ListSnapshot,
  type SanctionedEntity,
  type SanctionsListId,
} from '@kyc/screening-domain';

/** The lists in force and their indexes, swapped as a whole so that a query never sees half a reload. */
export interface LoadedLists {
  snapshots: ReadonlyMap<SanctionsListId, ListSnapshot>;
  entities: ReadonlyMap<string, SanctionedEntity>;
  names: NameScreeningIndex;
  crypto: CryptoAddressIndex;
  /** list id -> publication date of the version loaded. */
  versions: Record<string, string>;
}

/**
 * The sanctions lists a process screens against. Loading is lazy (the first query pays for it, once; start-up
 * and tests that never screen pay nothing) unless `warmUp` is called. A reload that fails keeps the lists in
 * force and rejects with the loader's error, which names the file and line.
 */
export class ScreeningCatalog {
  private current: Promise<LoadedLists> | null = null;
  private reloading: Promise<boolean> | null = null;

  constructor(private readonly load: () => Promise<ListSnapshot[]>) {}

  get threshold(): number {
    return DEFAULT_MATCH_THRESHOLD;
  }

  /** The lists in force, loading them on first use. A failed first load is retried by the next caller. */
  lists(): Promise<LoadedLists> {
    this.current ??= this.load()
      .then(indexLists)
      .catch((error: unknown) => {
        this.current = null;
        throw error;
      });
    return this.current;
  }

  /** Loads in the background now, so that the first query does not wait. */
  warmUp(onError: (error: unknown) => void): void {
    this.lists().catch(onError);
  }

  /**
   * Loads the configured files again and swaps them in when any list changed; resolves true when one did.
   * Concurrent calls share one reload.
   */
  reload(): Promise<boolean> {
    this.reloading ??= this.reloadOnce().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async reloadOnce(): Promise<boolean> {
    const before = await this.lists();
    const snapshots = await this.load();
    const changed =
      snapshots.length !== before.snapshots.size ||
      snapshots.some((next) => {
        const previous = before.snapshots.get(next.list);
        if (!previous) return true;
        const delta = listDelta(previous, next);
        return delta.added.length + delta.changed.length + delta.removed.length > 0;
      });
    if (changed) this.current = Promise.resolve(indexLists(snapshots));
    return changed;
  }
}

function indexLists(snapshots: ListSnapshot[]): LoadedLists {
  const entities = snapshots.flatMap((snapshot) => snapshot.entities);
  return {
    snapshots: new Map(snapshots.map((snapshot) => [snapshot.list, snapshot])),
    entities: new Map(entities.map((entity) => [entity.id, entity])),
    names: NameScreeningIndex.build(entities),
    crypto: CryptoAddressIndex.build(entities),
    versions: Object.fromEntries(snapshots.map((snapshot) => [snapshot.list, snapshot.publishedAt])),
  };
}
