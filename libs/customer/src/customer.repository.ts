import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, IsNull, QueryFailedError, Repository } from 'typeorm';
import { DomainException } from '@crm/errors';
import { Customer } from './entities/customer.entity';
import { District } from '@crm/base-config';

export interface CustomerFilter {
  customerType?: string;
  districtCode?: string;
  status?: string;
  q?: string;
  idType?: string;
  idNumberHash?: string;
  sort: 'name' | '-name' | 'createdAt' | '-createdAt';
  page: number;
  pageSize: number;
}

const UNIQUE_MESSAGES: Record<string, string> = {
  ux_customer_external_id: 'A customer with this externalId already exists',
  ux_customer_id_document: 'A customer with this ID document already exists',
};

/** All I/O of the customer domain. */
@Injectable()
export class CustomerRepository {
  constructor(
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(District) private readonly districts: Repository<District>,
  ) {}

  findById(id: string): Promise<Customer | null> {
    return this.customers.findOneBy({ id });
  }

  async districtNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.districts.createQueryBuilder('d').where('d.code IN (:...codes)', { codes: [...new Set(codes)] }).getMany();
    return new Map(rows.map((d) => [d.code, d.name]));
  }

  async save(customer: Customer): Promise<Customer> {
    try {
      return await this.customers.save(customer);
    } catch (err) {
      throw translateUniqueViolation(err);
    }
  }

  async softDelete(id: string): Promise<boolean> {
    const res = await this.customers.softDelete({ id, deletedAt: IsNull() });
    return (res.affected ?? 0) > 0;
  }

  async list(f: CustomerFilter): Promise<[Customer[], number]> {
    const qb = this.customers.createQueryBuilder('c');
    if (f.customerType) qb.andWhere('c.customer_type = :type', { type: f.customerType });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.idNumberHash) qb.andWhere('c.id_type = :idType AND c.id_number_hash = :hash', { idType: f.idType, hash: f.idNumberHash });
    if (f.q) {
      const prefix = `${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('c.name LIKE :prefix', { prefix }).orWhere('c.phone LIKE :prefix', { prefix })));
    }
    const desc = f.sort.startsWith('-');
    const column = f.sort.replace('-', '') === 'name' ? 'c.name' : 'c.createdAt';
    qb.orderBy(column, desc ? 'DESC' : 'ASC').addOrderBy('c.id', 'ASC');
    return qb.skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  }
}

function translateUniqueViolation(err: unknown): unknown {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  if (driverError?.code === '23505') {
    return DomainException.conflict(UNIQUE_MESSAGES[driverError.constraint ?? ''] ?? 'The customer conflicts with an existing one');
  }
  if (driverError?.code === '23503') {
    return DomainException.badRequest('districtCode is not a district of this city', [{ field: 'districtCode', problem: 'unknown district' }]);
  }
  return err;
}
