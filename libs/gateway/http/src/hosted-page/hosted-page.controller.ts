import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/auth.decorators';
import { HOSTED_PAGE_HTML, HOSTED_PAGE_SCRIPT } from './hosted-page.assets';

/**
 * The page behind `access_link`: the end user's flow in the browser, driven entirely by the public API
 * (the token stays in the URL; the page itself holds no data).
 */
@ApiExcludeController()
@PublicRoute()
@Controller('public/sessions')
export class HostedPageController {
  @Get('assets/session.js')
  async script(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(HOSTED_PAGE_SCRIPT);
  }

  @Get(':access_token')
  async page(@Param('access_token') _token: string, @Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'",
      )
      .send(HOSTED_PAGE_HTML);
  }
}
