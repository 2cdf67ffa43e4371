import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DASHBOARD_ASSETS, dashboardPage } from './dashboard.page';

/** The page may only run its own script and style; charts are images made from the API's SVG. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * 儀表盤: one HTML page, its script and style — no front-end build. Public by design: the page
 * holds no data; it signs in on the page and then calls the node's API with the user's token,
 * so every figure is subject to the same permissions as any API client.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(NODE_CONFIG) private readonly config: NodeConfig) {}

  @Get()
  @Public()
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-store')
  page(@Res() res: Response): void {
    res.type('html').send(dashboardPage({ code: this.config.node.code, name: this.config.node.name, tier: this.config.tier }));
  }

  @Get('app.js')
  @Public()
  @Header('Cache-Control', 'no-cache')
  script(@Res() res: Response): void {
    res.type('application/javascript').send(DASHBOARD_ASSETS.script);
  }

  @Get('app.css')
  @Public()
  @Header('Cache-Control', 'no-cache')
  style(@Res() res: Response): void {
    res.type('text/css').send(DASHBOARD_ASSETS.style);
  }
}
