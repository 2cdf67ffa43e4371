import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/export';
import { PageQueryDto } from '@crm/platform';
import { RELATIONSHIP_SEGMENTS, SEGMENT_DIMENSIONS, SEGMENT_PERIOD_PATTERN, SegmentDimension } from '../segmentation.constants';

const PERIOD_MESSAGE = (field: string) => ({ message: `${field} must be a month YYYY-MM` });

/** POST /segments/recompute */
export class RecomputeSegmentsDto {
  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(SEGMENT_PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Default: every customer of the city (current and former)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100_000)
  @IsUUID('4', { each: true })
  customerIds?: string[];
}

/** PUT /customers/:id/segments/relationship */
export class SetRelationshipDto {
  @ApiProperty({ enum: RELATIONSHIP_SEGMENTS, description: 'competitor and interconnected are only ever set this way' })
  @IsIn(RELATIONSHIP_SEGMENTS)
  segment: (typeof RELATIONSHIP_SEGMENTS)[number];

  @ApiProperty({ example: '客戶主號碼在競爭對手網內' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(SEGMENT_PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;
}

/** GET /segments/sizes */
export class SegmentSizesQueryDto {
  @ApiPropertyOptional({ enum: SEGMENT_DIMENSIONS, description: 'Default: every dimension' })
  @IsOptional()
  @IsIn(SEGMENT_DIMENSIONS)
  dimension?: SegmentDimension;

  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(SEGMENT_PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;
}

export class SegmentPeriodDto {
  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(SEGMENT_PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;
}

export class SegmentMembersQueryDto extends IntersectionType(PageQueryDto, SegmentPeriodDto) {}
export class ExportSegmentMembersDto extends IntersectionType(ExportFormatDto, SegmentPeriodDto) {}

/** GET /customers/:id/segments */
export class CustomerSegmentsQueryDto {
  @ApiPropertyOptional({ example: '2026-12', description: "Default: the customer's latest segmented period" })
  @IsOptional()
  @Matches(SEGMENT_PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;
}

// ------------------------------------------------------------ responses

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: SEGMENT_DIMENSIONS }) dimension: string;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty() segment: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['computed', 'manual'] }) source: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) reason: Record<string, unknown>;
  @ApiProperty() computedAt: string;
  @ApiProperty() computedBy: string;
}

export class CustomerSegmentsDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when the customer was never segmented' }) period: string | null;
  @ApiProperty({ type: [SegmentDto] }) items: SegmentDto[];
}

export class SegmentSizeDto {
  @ApiProperty() segment: string;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
}

export class DimensionSizesDto {
  @ApiProperty({ enum: SEGMENT_DIMENSIONS }) dimension: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [SegmentSizeDto] }) segments: SegmentSizeDto[];
}

export class SegmentSizesDto {
  @ApiProperty() period: string;
  @ApiProperty({ type: [DimensionSizesDto] }) dimensions: DimensionSizesDto[];
}

export class SegmentMemberDto extends SegmentDto {
  @ApiProperty() customerName: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ description: 'Closed (銷戶) customer' }) former: boolean;
}

export class SegmentMembersPageDto {
  @ApiProperty() dimension: string;
  @ApiProperty() segment: string;
  @ApiProperty() label: string;
  @ApiProperty() period: string;
  @ApiProperty({ type: [SegmentMemberDto] }) items: SegmentMemberDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RecomputeSegmentsResultDto {
  @ApiProperty() period: string;
  @ApiProperty() customers: number;
  @ApiProperty({ description: 'Memberships inserted or changed' }) written: number;
  @ApiProperty({ description: 'Memberships already as computed' }) unchanged: number;
  @ApiProperty({ description: 'Computed memberships that no longer apply (e.g. value of a closed customer)' }) removed: number;
  @ApiProperty({ description: 'Manual relationship assignments kept' }) keptManual: number;
  @ApiProperty() batches: number;
}
