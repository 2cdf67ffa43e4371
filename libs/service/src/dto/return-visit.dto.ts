import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDateTime } from '@crm/platform';
import { ReturnVisitDto, ServiceRequestDto } from './service-request.dto';

export class CreateReturnVisitDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: '1 very dissatisfied … 5 very satisfied' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;

  @ApiProperty({ description: 'true closes the request; false reopens it (in_progress)' })
  @IsBoolean()
  satisfied: boolean;

  @ApiProperty({ example: '2026-12-01T10:00:00+08:00', description: 'Not in the future, not before the resolution' })
  @IsIsoDateTime()
  visitedAt: string;
}

export class SatisfactionAfterVisitDto {
  @ApiProperty({ example: 81.25 }) score: number;
  @ApiProperty({ example: 'satisfied' }) band: string;
  @ApiProperty({ example: '2026-12' }) period: string;
}

export class ReturnVisitResultDto {
  @ApiProperty({ type: ReturnVisitDto }) visit: ReturnVisitDto;
  @ApiProperty({ type: ServiceRequestDto, description: 'The request after the visit: closed, or reopened (in_progress)' }) request: ServiceRequestDto;
  @ApiProperty({ type: SatisfactionAfterVisitDto, nullable: true, description: "The customer's satisfaction score (@crm/scoring) after the visit" }) satisfaction: SatisfactionAfterVisitDto | null;
}
