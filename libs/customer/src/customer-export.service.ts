import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { ExportColumn, ExportFormat, streamExport, streamRawRows } from '@crm/data-exchange';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';
import { CustomerCriteriaDto } from './dto/list-customers.dto';
import { maskIdNumber, maskPhone } from './personal-data.util';

interface CustomerExportRow {
  id: string;
  external_id: string | null;
  name: string;
  customer_type: string;
  gender: string | null;
  birth_date: string | null;
  district_code: string;
  district_name: string | null;
  address: string | null;
  phone: string;
  id_type: string;
  id_number_masked: string;
  id_number_encrypted: string;
  status: string;
  industry_code: string | null;
  education: string | null;
  level_code: string | null;
  hall_code: string | null;
  acquisition_channel: string | null;
  created_at: Date;
}

/** 客戶清單 export and print, streamed from a cursor; personal data masked unless permitted (then audited). */
@Injectable()
export class CustomerExportService {
  constructor(
    private readonly customers: CustomerService,
    private readonly repository: CustomerRepository,
    private readonly audit: AuditService,
  ) {}

  async export(q: CustomerCriteriaDto & { format: ExportFormat }, actor: RequestActor, res: Response): Promise<number> {
    const criteria = this.customers.criteria(q, actor);
    const unmasked = actor.personalData;
    const cipher = this.customers.cipher;
    const columns: ExportColumn<CustomerExportRow>[] = [
      { header: '客戶編號 ID', value: (r) => r.id, width: 38 },
      { header: '外部編號 External ID', value: (r) => r.external_id },
      { header: '客戶名稱 Name', value: (r) => r.name, width: 24 },
      { header: '客戶類型 Type', value: (r) => r.customer_type },
      { header: '性別 Gender', value: (r) => r.gender },
      { header: '出生日期 Birth date', value: (r) => r.birth_date },
      { header: '區縣 District', value: (r) => (r.district_name ? `${r.district_name} (${r.district_code})` : r.district_code) },
      { header: '地址 Address', value: (r) => r.address, width: 30 },
      { header: '電話 Phone', value: (r) => (unmasked ? r.phone : maskPhone(r.phone)) },
      { header: '證件類型 ID type', value: (r) => r.id_type },
      { header: '證件號碼 ID number', value: (r) => (unmasked ? cipher.decrypt(r.id_number_encrypted) : r.id_number_masked), width: 22 },
      { header: '狀態 Status', value: (r) => r.status },
      { header: '行業 Industry', value: (r) => r.industry_code },
      { header: '文化程度 Education', value: (r) => r.education },
      { header: '等級 Level', value: (r) => r.level_code },
      { header: '營業廳 Hall', value: (r) => r.hall_code },
      { header: '發展渠道 Channel', value: (r) => r.acquisition_channel },
      { header: '建檔時間 Created', value: (r) => new Date(r.created_at).toISOString() },
    ];
    const { idNumber, q: text, ...safeCriteria } = q;
    await this.audit.record(undefined, actor, {
      action: unmasked ? 'read-personal-data' : 'export',
      entityType: 'customer',
      newValues: { format: q.format, criteria: { ...safeCriteria, ...(idNumber ? { idNumber: maskIdNumber(idNumber) } : {}), ...(text ? { q: '[redacted]' } : {}) } },
    });
    return streamExport(res, {
      format: q.format,
      title: '客戶清單 Customers',
      filename: 'customers',
      columns,
      rows: streamRawRows<never, CustomerExportRow>(this.repository.exportQuery(criteria) as never),
    });
  }
}
