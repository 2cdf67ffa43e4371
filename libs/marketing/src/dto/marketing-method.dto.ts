import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { COST_MODELS, CostModel, MARKETING_CHANNELS, MarketingChannel } from '../marketing.constants';

export class CreateMarketingMethodDto {
  @ApiProperty({ maxLength: 100, example: '短信群發' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: MARKETING_CHANNELS })
  @IsIn(MARKETING_CHANNELS)
  channel: MarketingChannel;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: COST_MODELS })
  @IsIn(COST_MODELS)
  costModel: CostModel;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Cost per unit of the model, fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  unitCostFen?: number;
}

export class UpdateMarketingMethodDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @IsOptionalNotNull()
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ enum: COST_MODELS })
  @IsOptionalNotNull()
  @IsIn(COST_MODELS)
  costModel?: CostModel;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  unitCostFen?: number | null;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const MARKETING_METHOD_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class MarketingMethodFilterDto {
  @ApiPropertyOptional({ enum: MARKETING_CHANNELS })
  @IsOptional()
  @IsIn(MARKETING_CHANNELS)
  channel?: MarketingChannel;

  @ApiPropertyOptional({ enum: COST_MODELS })
  @IsOptional()
  @IsIn(COST_MODELS)
  costModel?: CostModel;

  @ApiPropertyOptional({ description: 'Words in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: MARKETING_METHOD_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(MARKETING_METHOD_SORTS)
  sort: (typeof MARKETING_METHOD_SORTS)[number] = 'name';
}

export class ListMarketingMethodsDto extends IntersectionType(PageQueryDto, MarketingMethodFilterDto) {}
export class ExportMarketingMethodsDto extends IntersectionType(ExportFormatDto, MarketingMethodFilterDto) {}

export class MarketingMethodDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MARKETING_CHANNELS }) channel: string;
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ enum: COST_MODELS }) costModel: string;
  @ApiProperty({ nullable: true }) unitCostFen: number | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class MarketingMethodPageDto {
  @ApiProperty({ type: [MarketingMethodDto] }) items: MarketingMethodDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
