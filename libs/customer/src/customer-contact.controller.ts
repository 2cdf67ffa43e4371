import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { uuidParam } from './customer.constants';
import { CustomerContactService } from './customer-contact.service';
import { ContactResponseDto, CreateContactDto, UpdateContactDto } from './dto/customer-contact.dto';

@ApiTags('customers')
@Controller('api/v1/customers/:customerId/contacts')
@ApiNotFoundResponse({ type: ErrorResponseDto })
export class CustomerContactController {
  constructor(private readonly contacts: CustomerContactService) {}

  @Get()
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Contacts of a unit or enterprise customer (聯繫人)' })
  @ApiOkResponse({ type: [ContactResponseDto] })
  list(@Param('customerId', uuidParam) customerId: string, @Actor() actor: RequestActor): Promise<ContactResponseDto[]> {
    return this.contacts.list(customerId, actor);
  }

  @Post()
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Add a contact' })
  @ApiCreatedResponse({ type: ContactResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The customer is not a unit or enterprise' })
  create(@Param('customerId', uuidParam) customerId: string, @Body() dto: CreateContactDto, @Actor() actor: RequestActor): Promise<ContactResponseDto> {
    return this.contacts.create(customerId, dto, actor);
  }

  @Patch(':id')
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Modify a contact; send the version you read' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('customerId', uuidParam) customerId: string, @Param('id', uuidParam) id: string, @Body() dto: UpdateContactDto, @Actor() actor: RequestActor): Promise<ContactResponseDto> {
    return this.contacts.update(customerId, id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.CustomerWrite)
  @ApiOperation({ summary: 'Remove a contact' })
  @ApiNoContentResponse()
  async remove(@Param('customerId', uuidParam) customerId: string, @Param('id', uuidParam) id: string, @Actor() actor: RequestActor): Promise<void> {
    await this.contacts.remove(customerId, id, actor);
  }
}
