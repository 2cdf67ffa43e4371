import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ExportFormatDto, streamExport } from '@crm/data-exchange';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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

  @Get('export')
  @RequirePermissions(Permission.CustomerRead)
  @ApiOperation({ summary: 'Export or print the contacts (masked unless the role may see personal data)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async export(@Param('customerId', uuidParam) customerId: string, @Query() q: ExportFormatDto, @Actor() actor: RequestActor, @Res() res: Response): Promise<void> {
    const contacts = await this.contacts.list(customerId, actor);
    async function* rows(): AsyncGenerator<ContactResponseDto> {
      yield* contacts;
    }
    await streamExport(res, {
      format: q.format,
      title: '聯繫人 Contacts',
      filename: 'contacts',
      columns: [
        { header: '姓名 Name', value: (c) => c.name },
        { header: '職務 Title', value: (c) => c.title },
        { header: '部門 Department', value: (c) => c.department },
        { header: '職位 Position', value: (c) => c.position },
        { header: '電話 Phone', value: (c) => c.phone },
        { header: '證件號碼 ID number', value: (c) => c.idNumber },
        { header: '地址 Address', value: (c) => c.address },
        { header: '主要聯繫人 Primary', value: (c) => (c.isPrimary ? '是 yes' : '') },
      ],
      rows: rows(),
    });
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
