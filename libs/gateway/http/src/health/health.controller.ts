import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';

import { runReadinessProbes, type ReadinessProbe } from './readiness';

export type { ReadinessProbe };
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
    const results = await runReadinessProbes(this.probes);
    if (results.some((r) => !r.ok)) {
      throw new ApiError(503, 'service_unavailable', `not ready: ${results.filter((r) => !r.ok).map((r) => r.name).join(', ')}`);
    }
    return { status: 'ready', checks: results };
  }
}
