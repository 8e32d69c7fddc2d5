import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';

/** A dependency the readiness check pings (event store, read model, bus). */
export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}
export const READINESS_PROBES = Symbol('READINESS_PROBES');

@ApiTags('operations')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[]) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const results = await Promise.all(
      this.probes.map(async (probe) => {
        try {
          await probe.check();
          return { name: probe.name, ok: true };
        } catch (error) {
          return { name: probe.name, ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    if (results.some((r) => !r.ok)) {
      throw new ApiError(503, 'service_unavailable', `not ready: ${results.filter((r) => !r.ok).map((r) => r.name).join(', ')}`);
    }
    return { status: 'ready', checks: results };
  }
}
