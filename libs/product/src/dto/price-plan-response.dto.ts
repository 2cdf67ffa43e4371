import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PricePlanResponseDto {
  @ApiProperty({ example: 'MOB-5G-129-2026' }) code: string;
  @ApiProperty({ example: 'MOB-5G-129' }) productCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'Monthly fee in fen (分)' }) monthlyFeeFen: number;
  @ApiProperty({ type: 'integer' }) includedVoiceMinutes: number;
  @ApiProperty({ type: 'integer' }) includedDataMb: number;
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-31' }) validTo: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PricePlanPageDto {
  @ApiProperty({ type: [PricePlanResponseDto] }) items: PricePlanResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
