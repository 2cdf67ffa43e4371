import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code.constants';

export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'name' })
  field?: string;

  @ApiProperty({ example: 'name should not be empty' })
  problem: string;
}

/** Body of every error response. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed })
  code: ErrorCode;

  @ApiProperty({ example: 'Request validation failed' })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];

  @ApiPropertyOptional({ description: 'Request id, also in the logs and the X-Request-Id header' })
  requestId?: string;

  @ApiPropertyOptional({ description: 'Present on 5xx: the id under which the error is logged' })
  errorId?: string;
}
