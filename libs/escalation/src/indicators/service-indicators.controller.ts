import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Permission, RequirePermissions } from '@crm/auth';
import { CityServiceIndicatorsDto, RolledUpServiceIndicatorsDto, ServiceIndicatorsQueryDto } from '../dto/service-indicators.dto';
import { ServiceIndicatorsService } from './service-indicators.service';

@ApiTags('service-indicators')
@ApiExtraModels(CityServiceIndicatorsDto, RolledUpServiceIndicatorsDto)
@Controller('api/v1/service-indicators')
export class ServiceIndicatorsController {
  constructor(private readonly indicators: ServiceIndicatorsService) {}

  @Get()
  @RequirePermissions(Permission.ServiceRead)
  @ApiOperation({
    summary: 'Service indicators of a month against the service_indicators directive in force',
    description: 'City: measured live against the version in force (directiveOrigin, directiveVersion). Province / HQ: from the cities’ service_indicators facts, per city and in total (ratios of summed numerators and denominators).',
  })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(CityServiceIndicatorsDto) }, { $ref: getSchemaPath(RolledUpServiceIndicatorsDto) }] } })
  answer(@Query() q: ServiceIndicatorsQueryDto) {
    return this.indicators.answer(q.period, q.key);
  }
}
