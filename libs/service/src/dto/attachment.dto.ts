import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Metadata of a file kept elsewhere (no upload here). */
export class CreateAttachmentDto {
  @ApiProperty({ maxLength: 255, example: 'photo-of-modem.jpg' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName: string;

  @ApiProperty({ maxLength: 127, example: 'image/jpeg' })
  @IsString()
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'mediaType must be a media type such as image/jpeg' })
  @MaxLength(127)
  mediaType: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sizeBytes: number;

  @ApiProperty({ maxLength: 500, example: 's3://crm-docs/440100/2026/12/abc.jpg' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  storageRef: string;
}
