import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { ContractStatus } from '../sales.constants';
import { Fen, Nullable, OptionalFen, QueryInt, VersionDto } from './common.dto';

/** Metadata of a contract document (the file itself lives in the document store). */
export class ContractDocumentDto {
  @ApiProperty({ maxLength: 200, example: '合同正本.pdf' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptionalNotNull() @IsString() @MaxLength(500) uri?: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'application/pdf' }) @IsOptionalNotNull() @IsString() @MaxLength(100) mediaType?: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(10_000_000_000) sizeBytes?: number;
}

export class CreateContractDto {
  @ApiProperty({ maxLength: 40, example: 'GZ-HT-2026-0001' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, { message: 'contractNo must be 1-40 letters, digits or / _ . -' }) contractNo: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') customerId: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ maxLength: 100, description: "The operator's signing unit (簽約單位)", example: '中國電信廣州分公司' }) @IsString() @MinLength(1) @MaxLength(100) signingUnit: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') signedByStaffId?: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() validFrom: string;
  @ApiProperty({ example: '2026-12-31', description: 'Not before validFrom' }) @IsCalendarDate() validTo: string;
  @Fen('Contract value, fen') valueFen: number;
  @ApiPropertyOptional({ enum: ContractStatus, default: ContractStatus.Draft }) @IsOptionalNotNull() @IsEnum(ContractStatus) status?: ContractStatus;
  @ApiPropertyOptional({ type: [ContractDocumentDto] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ContractDocumentDto) documents?: ContractDocumentDto[];
}

export class UpdateContractDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) signingUnit?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsUUID('4') signedByStaffId?: string | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsCalendarDate() validFrom?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsCalendarDate() validTo?: string;
  @OptionalFen('Contract value, fen') valueFen?: number;
  @ApiPropertyOptional({ enum: ContractStatus, description: 'draft → active | terminated; active → terminated; terminated is final' }) @IsOptionalNotNull() @IsEnum(ContractStatus) status?: ContractStatus;
  @ApiPropertyOptional({ type: [ContractDocumentDto], description: 'Replaces the documents metadata' }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ContractDocumentDto) documents?: ContractDocumentDto[];
}

export const CONTRACT_SORTS = ['validTo', '-validTo', 'validFrom', '-validFrom', 'contractNo', '-contractNo', 'valueFen', '-valueFen', 'createdAt', '-createdAt'] as const;

export class ContractFilterDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ enum: ContractStatus }) @IsOptional() @IsEnum(ContractStatus) status?: ContractStatus;
  @ApiPropertyOptional({ description: 'Contract number prefix' }) @IsOptional() @IsString() @MaxLength(40) contractNoPrefix?: string;
  @QueryInt(0, 3_650, 'Active contracts whose validTo is within the next N days (today included)') expiringWithinDays?: number;
  @ApiPropertyOptional({ description: 'Valid on that day' }) @IsOptional() @IsCalendarDate() validOn?: string;
  @ApiPropertyOptional({ enum: CONTRACT_SORTS, default: 'validTo' }) @IsOptional() @IsIn(CONTRACT_SORTS) sort: (typeof CONTRACT_SORTS)[number] = 'validTo';
}
export class ListContractsDto extends IntersectionType(PageQueryDto, ContractFilterDto) {}
export class ExportContractsDto extends IntersectionType(ExportFormatDto, ContractFilterDto) {}
export class CustomerContractsDto extends IntersectionType(PageQueryDto, OmitType(ContractFilterDto, ['customerId'] as const)) {}
