import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { POLICY_CODE_PATTERN, PolicyKind, PolicyLevel, PolicyStatus } from '../operations-info.constants';
import { BooleanQueryParam, IsCalendarDate, ResourceQueryDto, VersionedChangeDto } from '../resource/resource-query.dto';

/** Metadata of an attached document (附件); the file itself lives in the document store. */
export class PolicyAttachmentDto {
  @ApiProperty({ example: '实施细则.pdf', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' })
  @MaxLength(100)
  mediaType: string;

  @ApiProperty({ type: 'integer', example: 204800, description: 'Size in bytes' })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  sizeBytes: number;

  @ApiPropertyOptional({ example: 'docs/policies/2026/001.pdf', nullable: true, maxLength: 500, description: 'Where the document store keeps it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
}

export class CreatePolicyDto {
  @ApiProperty({ example: 'GZ-YY-2026-001', description: '文號 / 編號: letters, digits, _ - / .; at most 32; unique' })
  @Matches(POLICY_CODE_PATTERN, { message: 'code must be 1-32 letters, digits, _, -, / or .' })
  code: string;

  @ApiProperty({ example: '关于规范渠道酬金结算的通知', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: PolicyKind, description: 'internal (內部制度) or regulatory (監管政策)' })
  @IsEnum(PolicyKind, { message: `kind must be one of ${Object.values(PolicyKind).join(', ')}` })
  kind: PolicyKind;

  @ApiProperty({ example: '广州分公司市场部', maxLength: 100, description: '發文單位' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  issuer: string;

  @ApiProperty({ enum: PolicyLevel })
  @IsEnum(PolicyLevel, { message: `level must be one of ${Object.values(PolicyLevel).join(', ')}` })
  level: PolicyLevel;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate('effectiveFrom')
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, description: 'null = until repealed' })
  @IsOptional()
  @IsCalendarDate('effectiveTo')
  effectiveTo?: string | null;

  @ApiPropertyOptional({ enum: PolicyStatus, default: PolicyStatus.Draft })
  @IsOptional()
  @IsEnum(PolicyStatus, { message: `status must be one of ${Object.values(PolicyStatus).join(', ')}` })
  status?: PolicyStatus;

  @ApiProperty({ maxLength: 50000 })
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  content: string;

  @ApiPropertyOptional({ type: [PolicyAttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PolicyAttachmentDto)
  attachments?: PolicyAttachmentDto[];
}

export class UpdatePolicyDto extends IntersectionType(PartialType(CreatePolicyDto), VersionedChangeDto) {}

export const POLICY_SORTS = ['code', '-code', 'title', '-title', 'effectiveFrom', '-effectiveFrom', 'createdAt', '-createdAt'] as const;

export class ListPolicyDto extends ResourceQueryDto {
  @ApiPropertyOptional({ enum: PolicyKind })
  @IsOptional()
  @IsEnum(PolicyKind, { message: `kind must be one of ${Object.values(PolicyKind).join(', ')}` })
  kind?: PolicyKind;

  @ApiPropertyOptional({ enum: PolicyLevel })
  @IsOptional()
  @IsEnum(PolicyLevel, { message: `level must be one of ${Object.values(PolicyLevel).join(', ')}` })
  level?: PolicyLevel;

  @ApiPropertyOptional({ enum: PolicyStatus })
  @IsOptional()
  @IsEnum(PolicyStatus, { message: `status must be one of ${Object.values(PolicyStatus).join(', ')}` })
  status?: PolicyStatus;

  @ApiPropertyOptional({ example: '广州分公司市场部', description: 'Exact issuer' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  issuer?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'In its effective period on this date' })
  @IsOptional()
  @IsCalendarDate('effectiveOn')
  effectiveOn?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: in force and in its period today (node time zone)' })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  currentlyEffective?: boolean;

  @ApiPropertyOptional({ enum: POLICY_SORTS, default: '-effectiveFrom' })
  @IsOptional()
  @IsIn(POLICY_SORTS)
  sort: (typeof POLICY_SORTS)[number] = '-effectiveFrom';
}

export class PolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PolicyKind }) kind: PolicyKind;
  @ApiProperty() issuer: string;
  @ApiProperty({ enum: PolicyLevel }) level: PolicyLevel;
  @ApiProperty() effectiveFrom: string;
  @ApiPropertyOptional({ nullable: true }) effectiveTo: string | null;
  @ApiProperty({ enum: PolicyStatus }) status: PolicyStatus;
  @ApiProperty({ description: 'In force and within its period today' }) currentlyEffective: boolean;
  @ApiProperty() content: string;
  @ApiProperty({ type: [PolicyAttachmentDto] }) attachments: PolicyAttachmentDto[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
