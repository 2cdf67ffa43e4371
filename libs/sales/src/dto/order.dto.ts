import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { OrderLineAction, OrderStatus, SalesChannel } from '../sales.constants';
import { Fen, Nullable, PRODUCT_CODE, VersionDto } from './common.dto';

/**
 * One line: `new` (productCode + serviceNumber, optional pricePlanCode), `change`
 * (subscriptionId + pricePlanCode: the new plan, null removes it) or `terminate` (subscriptionId).
 */
export class OrderLineDto {
  @ApiProperty({ enum: OrderLineAction }) @IsEnum(OrderLineAction) action: OrderLineAction;
  @ApiPropertyOptional({ description: 'new: the product' }) @IsOptionalNotNull() @Matches(PRODUCT_CODE, { message: 'productCode must be a product code' }) productCode?: string;
  @ApiPropertyOptional({ nullable: true, description: 'new: optional plan; change: the new plan (null removes it)' }) @Nullable() @Matches(PRODUCT_CODE, { message: 'pricePlanCode must be a price plan code' }) pricePlanCode?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'change / terminate: a subscription of the customer' }) @IsOptionalNotNull() @IsUUID('4') subscriptionId?: string;
  @ApiPropertyOptional({ description: 'new: 業務號碼' }) @IsOptionalNotNull() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, { message: 'serviceNumber must be 1-40 letters, digits or -' }) serviceNumber?: string;
  @Fen('Line amount, fen') amountFen: number;
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') customerId: string;
  @ApiProperty({ enum: SalesChannel }) @IsEnum(SalesChannel) channel: SalesChannel;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(16) hallCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') agentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "A representative of the order's agent" }) @IsOptionalNotNull() @IsUUID('4') representativeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') salesStaffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') opportunityId?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptionalNotNull() @IsString() @MaxLength(1000) notes?: string;
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines: OrderLineDto[];
}

export class UpdateOrderDto extends VersionDto {
  @ApiPropertyOptional({ enum: OrderStatus, description: 'draft → submitted | cancelled; submitted → completed (creates / changes the subscriptions) | cancelled | draft' }) @IsOptionalNotNull() @IsEnum(OrderStatus) status?: OrderStatus;
  @ApiPropertyOptional({ enum: SalesChannel }) @IsOptionalNotNull() @IsEnum(SalesChannel) channel?: SalesChannel;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(16) hallCode?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsUUID('4') agentId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsUUID('4') representativeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsUUID('4') salesStaffId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(1000) notes?: string | null;
  @ApiPropertyOptional({ type: [OrderLineDto], description: 'Replaces the lines (draft only)' }) @IsOptionalNotNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines?: OrderLineDto[];
}

export const ORDER_SORTS = ['createdAt', '-createdAt', 'completedAt', '-completedAt', 'amountFen', '-amountFen', 'orderNo', '-orderNo'] as const;

export class OrderFilterDto {
  @ApiPropertyOptional({ enum: OrderStatus }) @IsOptional() @IsEnum(OrderStatus) status?: OrderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') agentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') salesStaffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) hallCode?: string;
  @ApiPropertyOptional({ enum: SalesChannel }) @IsOptional() @IsEnum(SalesChannel) channel?: SalesChannel;
  @ApiPropertyOptional({ description: 'Completed on or after (city date)' }) @IsOptional() @IsCalendarDate() completedFrom?: string;
  @ApiPropertyOptional({ description: 'Completed on or before (city date)' }) @IsOptional() @IsCalendarDate() completedTo?: string;
  @ApiPropertyOptional({ enum: ORDER_SORTS, default: '-createdAt' }) @IsOptional() @IsIn(ORDER_SORTS) sort: (typeof ORDER_SORTS)[number] = '-createdAt';
}
export class ListOrdersDto extends IntersectionType(PageQueryDto, OrderFilterDto) {}
export class ExportOrdersDto extends IntersectionType(ExportFormatDto, OrderFilterDto) {}
