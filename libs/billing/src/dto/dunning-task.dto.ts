import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ServiceKind } from '../billing.constants';
import { BooleanQuery } from './query-transform.util';

export class DunningTaskFilterDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'Done (true) or still to do (false)' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ description: 'Username of the assignee' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'assignedTo must be a username' })
  assignedTo?: string;

  @ApiPropertyOptional({ type: 'boolean', description: 'Only tasks nobody is assigned to' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  arrearId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  accountId?: string;
}

export class ListDunningTasksDto extends IntersectionType(PageQueryDto, DunningTaskFilterDto) {}

export class AssignDunningTaskDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ nullable: true, description: 'Username of a user of this node; null unassigns' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'assignedTo must be a username' })
  assignedTo: string | null;
}

export class CompleteDunningTaskDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 500, example: '客戶承諾 12 月 20 日前繳清' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DunningTaskResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) arrearId: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ServiceKind }) service: ServiceKind;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ type: 'integer', description: "The arrear's dunning count" }) dunningCount: number;
  @ApiPropertyOptional({ nullable: true }) assignedTo: string | null;
  @ApiProperty() done: boolean;
  @ApiPropertyOptional({ nullable: true }) doneAt: string | null;
  @ApiPropertyOptional({ nullable: true }) doneBy: string | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
}

export class DunningTaskPageDto {
  @ApiProperty({ type: [DunningTaskResponseDto] }) items: DunningTaskResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
