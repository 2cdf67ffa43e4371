import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { DomainException, ErrorCode, ErrorResponseDto } from '@crm/errors';
import { streamExport, streamRawRows } from '@crm/export';
import {
  CustomerSegmentsDto, CustomerSegmentsQueryDto, ExportSegmentMembersDto, RecomputeSegmentsDto, RecomputeSegmentsResultDto, SegmentDto, SegmentMembersPageDto, SegmentMembersQueryDto,
  SegmentSizesDto, SegmentSizesQueryDto, SetRelationshipDto,
} from './dto/segment.dto';
import { CUSTOMER_SEGMENT_ENTITY, SEGMENT_DIMENSIONS, SEGMENT_LABELS } from './segmentation.constants';
import { SegmentationService } from './segmentation.service';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]) });

type Row = Record<string, unknown>;
const val = (key: string) => (r: Row): string | number | null => (r[key] as string | number | null) ?? null;

@ApiTags('segments')
@Controller('api/v1')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; details name each field' })
export class SegmentationController {
  constructor(
    private readonly segmentation: SegmentationService,
    private readonly audit: AuditService,
  ) {}

  @Post('segments/recompute')
  @HttpCode(200)
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: 'Segment customers (default: all of the city, in batches) for a period; idempotent, keeps manual relationship assignments' })
  @ApiOkResponse({ type: RecomputeSegmentsResultDto })
  recompute(@Body() dto: RecomputeSegmentsDto, @Actor() actor: RequestActor): Promise<RecomputeSegmentsResultDto> {
    return this.segmentation.recompute(dto, actor);
  }

  @Get('segments/sizes')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Members per segment of each dimension (or one) for a period' })
  @ApiOkResponse({ type: SegmentSizesDto })
  sizes(@Query() q: SegmentSizesQueryDto): Promise<SegmentSizesDto> {
    return this.segmentation.sizes(q);
  }

  @Get('segments/:dimension/:segment/members')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'The customers in one segment for a period, paginated' })
  @ApiParam({ name: 'dimension', enum: SEGMENT_DIMENSIONS })
  @ApiOkResponse({ type: SegmentMembersPageDto })
  members(@Param('dimension') dimension: string, @Param('segment') segment: string, @Query() q: SegmentMembersQueryDto): Promise<SegmentMembersPageDto> {
    return this.segmentation.members(dimension, segment, q);
  }

  @Get('segments/:dimension/:segment/members/export')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: 'Export or print the members of a segment (CSV, XLSX or printable HTML); audited' })
  @ApiParam({ name: 'dimension', enum: SEGMENT_DIMENSIONS })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Param('dimension') dimension: string, @Param('segment') segment: string, @Query() q: ExportSegmentMembersDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const { period, query } = this.segmentation.membersExport(dimension, segment, q.period);
    await this.audit.record(undefined, actor, { action: 'export', entityType: CUSTOMER_SEGMENT_ENTITY, newValues: { dimension, segment, period, format: q.format } });
    await streamExport<Row>(res, {
      format: q.format,
      title: `${SEGMENT_LABELS[segment] ?? segment} Segment ${dimension}: ${segment} (${period})`,
      filename: `segment-${dimension}-${segment}-${period}`,
      rows: streamRawRows(query),
      columns: [
        { header: '客戶編號 Customer', value: val('customer_id'), width: 38 },
        { header: '客戶名稱 Name', value: val('customer_name'), width: 24 },
        { header: '客戶分類 Type', value: val('customer_type'), width: 18 },
        { header: '地區 District', value: val('district_code'), width: 10 },
        { header: '已銷戶 Former', value: (r) => (r.deleted_at ? 'yes' : 'no'), width: 8 },
        { header: '期間 Period', value: val('period'), width: 10 },
        { header: '分類 Segment', value: (r) => `${r.segment as string} ${SEGMENT_LABELS[r.segment as string] ?? ''}`.trim(), width: 24 },
        { header: '來源 Source', value: val('source'), width: 10 },
        { header: '依據 Reason', value: (r) => JSON.stringify(r.reason ?? {}), width: 60 },
        { header: '計算時間 Computed', value: (r) => (r.computed_at ? new Date(r.computed_at as string).toISOString() : null), width: 24 },
      ],
    });
  }

  @Get('customers/:id/segments')
  @RequirePermissions(Permission.ScoreRead)
  @ApiOperation({ summary: "A customer's segments on every dimension for a period (default: the latest segmented)" })
  @ApiOkResponse({ type: CustomerSegmentsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  customerSegments(@Param('id', uuid) id: string, @Query() q: CustomerSegmentsQueryDto): Promise<CustomerSegmentsDto> {
    return this.segmentation.customerSegments(id, q);
  }

  @Put('customers/:id/segments/relationship')
  @RequirePermissions(Permission.ScoreWrite)
  @ApiOperation({ summary: "Assign a customer's relationship segment by hand (competitor's, interconnected…), with a reason; audited" })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  setRelationship(@Param('id', uuid) id: string, @Body() dto: SetRelationshipDto, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.segmentation.setRelationship(id, dto, actor);
  }
}
