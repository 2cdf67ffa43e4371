import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PRODUCT_CODE_PATTERN } from '@crm/product';
import { ServiceKind } from '../operations-info.constants';
import { BooleanQueryParam, IsCalendarDate, ResourceQueryDto, VersionedChangeDto } from '../resource/resource-query.dto';

/** 競品對標: a competitor's comparable offer. */
export class CompetitorEquivalentDto {
  @ApiProperty({ example: '中国移动', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  competitor: string;

  @ApiProperty({ example: '全家享 199 元套餐', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  offer: string;

  @ApiPropertyOptional({ type: 'integer', example: 19_900, nullable: true, description: 'Monthly fee in fen (分)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  monthlyFeeFen?: number | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class CreateProductInfoDto {
  @ApiProperty({ example: '天翼千兆宽带融合套餐', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ServiceKind })
  @IsEnum(ServiceKind, { message: `kind must be one of ${Object.values(ServiceKind).join(', ')}` })
  kind: ServiceKind;

  @ApiPropertyOptional({ example: 'E9-199', nullable: true, description: 'Code of the catalogue product (libs/product) it is about; must exist' })
  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: 'productCode must be 1-32 capital letters, digits or -' })
  productCode?: string | null;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true, description: '上市日期' })
  @IsOptional()
  @IsCalendarDate('launchDate')
  launchDate?: string | null;

  @ApiPropertyOptional({ example: '2027-12-31', nullable: true, description: '退市日期' })
  @IsOptional()
  @IsCalendarDate('retireDate')
  retireDate?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['家庭', '高端住宅'], description: '目標客群' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  targetSegments?: string[];

  @ApiPropertyOptional({ type: [String], example: ['千兆光纤', '含 IPTV'], description: '賣點' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  sellingPoints?: string[];

  @ApiPropertyOptional({ type: [CompetitorEquivalentDto], description: '競品對標' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CompetitorEquivalentDto)
  competitorEquivalents?: CompetitorEquivalentDto[];
}

export class UpdateProductInfoDto extends IntersectionType(PartialType(CreateProductInfoDto), VersionedChangeDto) {}

export const PRODUCT_INFO_SORTS = ['name', '-name', 'launchDate', '-launchDate', 'retireDate', '-retireDate', 'createdAt', '-createdAt'] as const;

export class ListProductInfoDto extends ResourceQueryDto {
  @ApiPropertyOptional({ enum: ServiceKind })
  @IsOptional()
  @IsEnum(ServiceKind, { message: `kind must be one of ${Object.values(ServiceKind).join(', ')}` })
  kind?: ServiceKind;

  @ApiPropertyOptional({ example: 'E9-199' })
  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: 'productCode must be 1-32 capital letters, digits or -' })
  productCode?: string;

  @ApiPropertyOptional({ example: '家庭', description: 'Has this target segment' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  targetSegment?: string;

  @ApiPropertyOptional({ example: '中国移动', description: 'Has an equivalent from this competitor' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  competitor?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: launched (or no launch date) and not retired today (node time zone)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  onSale?: boolean;

  @ApiPropertyOptional({ enum: PRODUCT_INFO_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(PRODUCT_INFO_SORTS)
  sort: (typeof PRODUCT_INFO_SORTS)[number] = 'name';
}

export class ProductInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ServiceKind }) kind: ServiceKind;
  @ApiPropertyOptional({ nullable: true }) productCode: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Name of the catalogue product' }) productName: string | null;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiPropertyOptional({ nullable: true }) launchDate: string | null;
  @ApiPropertyOptional({ nullable: true }) retireDate: string | null;
  @ApiProperty({ description: 'Launched and not retired today (node time zone)' }) onSale: boolean;
  @ApiProperty({ type: [String] }) targetSegments: string[];
  @ApiProperty({ type: [String] }) sellingPoints: string[];
  @ApiProperty({ type: [CompetitorEquivalentDto] }) competitorEquivalents: CompetitorEquivalentDto[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
