import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CustomerMeasuresDto {
  @ApiProperty({ type: 'integer', description: 'Active customers at the end of the day' }) customers: number;
  @ApiProperty({ type: 'integer', description: 'Customers created during the day' }) newCustomers: number;
  @ApiProperty({ type: 'integer', description: 'Customers closed during the day' }) lostCustomers: number;
}

export class CustomerBreakdownRowDto extends CustomerMeasuresDto {
  @ApiProperty({ example: '440000' }) key: string;
  @ApiProperty({ example: '廣東' }) name: string;
}

export class FreshnessDto {
  @ApiProperty({ example: '440100' }) originNode: string;
  @ApiProperty({ example: '廣州' }) name: string;
  @ApiProperty({ example: '17', description: 'Version of the origin city\'s slice used' }) version: string;
  @ApiPropertyOptional({ nullable: true, description: 'When the city produced that version' }) producedAt: string | null;
  @ApiProperty({ description: 'When this node stored it' }) updatedAt: string;
}

export class CustomerAnalyticsDto {
  @ApiProperty({ example: '000000' }) node: string;
  @ApiPropertyOptional({ nullable: true, example: '440000' }) province: string | null;
  @ApiPropertyOptional({ nullable: true, example: '440100' }) city: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-11-30', description: 'null when no facts exist in scope yet' }) date: string | null;
  @ApiProperty({ enum: ['province', 'city', 'segment', 'district'] }) groupBy: string;
  @ApiProperty({ type: CustomerMeasuresDto }) totals: CustomerMeasuresDto;
  @ApiPropertyOptional({ type: CustomerMeasuresDto, nullable: true, description: 'Same scope, previous day (day-on-day)' }) previousDay: CustomerMeasuresDto | null;
  @ApiProperty({ type: [CustomerBreakdownRowDto] }) breakdown: CustomerBreakdownRowDto[];
  @ApiProperty({ type: [FreshnessDto], description: 'As of which batch of each city' }) freshness: FreshnessDto[];
  @ApiProperty({ type: [String], description: 'Cities of the scope known to the topology with no facts for the date' }) missing: string[];
}
