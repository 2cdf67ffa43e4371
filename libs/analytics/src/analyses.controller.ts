import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { sendAnalysis } from '@crm/reporting';
import { ANALYSES } from './analysis-catalogue';
import { AnalysisQueryDto } from './dto/analysis-query.dto';
import { AnalysesService, AnalysisListItem } from './analyses.service';

@ApiTags('analyses')
@Controller('api/v1/analyses')
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @Get()
  @RequirePermissions(Permission.AnalyticsRead)
  @ApiOperation({ summary: 'The analyses (分析) this node answers: name, zh/en title, fact sets used, groupings and chart types' })
  @ApiOkResponse({ description: 'List of analyses' })
  list(): { items: AnalysisListItem[] } {
    return { items: this.analyses.list() };
  }

  @Get(':name')
  @RequirePermissions(Permission.AnalyticsRead)
  @ApiOperation({
    summary: 'One analysis for this node\'s scope and a month, as JSON, an SVG chart or an XLSX workbook',
    description:
      'Answered from this node\'s own facts (never by calling another node): HQ for the nation (drill down with province= / city=), a province for itself and its cities, a city for itself by district. Rates and averages are ratios of summed measures. compare=mom|yoy adds the previous period and the change; every answer carries the freshness of each city\'s slices (asOf.sources) and the cities without data (asOf.missing). format=svg draws the chart (chart=line|bar|pie|stacked), format=xlsx writes a workbook with zh/en headers.',
  })
  @ApiParam({ name: 'name', enum: ANALYSES.map((a) => a.name) })
  @ApiProduces('application/json', 'image/svg+xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The analysis table (json), chart (svg) or workbook (xlsx)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown analysis, grouping, period, format or chart option' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Scope outside this node, or no analytics:read' })
  async analyse(@Param('name') name: string, @Query() q: AnalysisQueryDto, @Res() res: Response): Promise<void> {
    const def = this.analyses.definition(name);
    const { period, compare, province, city, groupBy, top } = q;
    const answer = await this.analyses.analyse(name, { period, compare, province, city, groupBy, top });
    const chart = q.chart ?? def.charts[0];
    const present = def.chartSeries.filter((s) => answer.columns.some((c) => c.key === s));
    const series = q.series?.length ? q.series : chart === 'pie' ? present.slice(0, 1) : present;
    await sendAnalysis(res, answer, { ...q, chart, x: q.x ?? 'name', series });
  }
}
