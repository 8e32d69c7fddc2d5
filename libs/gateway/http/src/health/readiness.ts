/** A dependency the readiness check pings (event store, read model, bus). */
export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export interface ProbeResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Runs every probe concurrently; a failing probe is reported with its error, never thrown. */
export function runReadinessProbes(probes: readonly ReadinessProbe[]): Promise<ProbeResult[]> {
  return Promise.all(
    probes.map((probe) =>
      probe.check().then(
        (): ProbeResult => ({ name: probe.name, ok: true }),
        (error: unknown): ProbeResult => ({ name: probe.name, ok: false, error: error instanceof Error ? error.message : String(error) }),
      ),
    ),
  );
}
