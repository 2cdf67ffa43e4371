import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Customer } from '@crm/customer';
import { DomainException } from '@crm/errors';
import { PricePlan, Product, Subscription } from './entities';
import { ProductCategory, SubscriptionStatus } from './product.constants';
import { driverErrorOf, escapeLike } from './product.repository';

export interface SubscriptionCriteria {
  customerId?: string;
  productCode?: string;
  category?: ProductCategory;
  status?: SubscriptionStatus;
  serviceNumberPrefix?: string;
  /** The whole service number (equality): what callers without the personal-data permission may give. */
  serviceNumber?: string;
  startedFrom?: Date;
  startedTo?: Date;
  sort: 'startedAt' | '-startedAt' | 'serviceNumber' | '-serviceNumber';
}

/** A subscription with its customer's, product's and plan's names, as read raw (lists, exports). */
export interface SubscriptionRow {
  id: string;
  external_id: string | null;
  customer_id: string;
  customer_external_id: string | null;
  customer_name: string;
  product_code: string;
  product_name: string;
  category: ProductCategory;
  price_plan_code: string | null;
  price_plan_name: string | null;
  service_number: string;
  circuit_id: string | null;
  status: SubscriptionStatus;
  started_at: Date;
  ended_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SORT_COLUMNS: Record<string, string> = { startedAt: 's.started_at', serviceNumber: 's.service_number' };

const FOREIGN_KEYS: Record<string, [field: string, problem: string]> = {
  fk_subscription_customer: ['customerId', 'unknown customer'],
  fk_subscription_product: ['productCode', 'unknown product'],
  fk_subscription_price_plan: ['pricePlanCode', 'not a price plan of the product'],
};

/** Constraint violations of subscription writes that slipped past the service's checks (races). */
function translateSubscriptionError(err: unknown): unknown {
  const e = driverErrorOf(err);
  if (e?.code === '23505' && e.constraint === 'ux_subscription_external_id') {
    return DomainException.conflict('A subscription with this externalId already exists', [{ field: 'externalId', problem: 'already used' }]);
  }
  if (e?.code === '23503' && FOREIGN_KEYS[e.constraint ?? '']) {
    const [field, problem] = FOREIGN_KEYS[e.constraint!];
    return DomainException.badRequest(`${field}: ${problem}`, [{ field, problem }]);
  }
  return err;
}

/** All I/O of subscriptions (訂購). */
@Injectable()
export class SubscriptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A customer that is not closed, or null. */
  liveCustomer(id: string, manager: EntityManager = this.dataSource.manager): Promise<Pick<Customer, 'id' | 'name'> | null> {
    return manager.createQueryBuilder(Customer, 'c').select(['c.id', 'c.name']).where('c.id = :id', { id }).getOne();
  }

  findProduct(code: string, manager: EntityManager = this.dataSource.manager): Promise<Product | null> {
    return manager.findOneBy(Product, { code });
  }

  findPlan(code: string, manager: EntityManager = this.dataSource.manager): Promise<PricePlan | null> {
    return manager.findOneBy(PricePlan, { code });
  }

  findExternalId(externalId: string, manager: EntityManager = this.dataSource.manager): Promise<Subscription | null> {
    return manager.findOneBy(Subscription, { externalId });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Subscription | null> {
    return manager.findOne(Subscription, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The filtered, sorted query behind the list, the customer's list and the export. */
  criteriaQuery(f: SubscriptionCriteria, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<Subscription> {
    const qb = manager
      .createQueryBuilder(Subscription, 's')
      .withDeleted() // closed customers keep their (terminated) subscriptions in history
      .innerJoin(Customer, 'c', 'c.id = s.customer_id')
      .innerJoin(Product, 'p', 'p.code = s.product_code')
      .leftJoin(PricePlan, 'pp', 'pp.code = s.price_plan_code')
      .select([
        's.id AS id', 's.external_id AS external_id', 's.customer_id AS customer_id', 'c.external_id AS customer_external_id', 'c.name AS customer_name',
        's.product_code AS product_code', 'p.name AS product_name', 'p.category AS category', 's.price_plan_code AS price_plan_code', 'pp.name AS price_plan_name',
        's.service_number AS service_number', 's.circuit_id AS circuit_id', 's.status AS status', 's.started_at AS started_at', 's.ended_at AS ended_at',
        's.version AS version', 's.created_at AS created_at', 's.updated_at AS updated_at',
      ]);
    if (f.customerId) qb.andWhere('s.customer_id = :customerId', { customerId: f.customerId });
    if (f.productCode) qb.andWhere('s.product_code = :productCode', { productCode: f.productCode });
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.status) qb.andWhere('s.status = :status', { status: f.status });
    if (f.serviceNumberPrefix) qb.andWhere('s.service_number LIKE :prefix', { prefix: `${escapeLike(f.serviceNumberPrefix)}%` });
    if (f.serviceNumber) qb.andWhere('s.service_number = :serviceNumber', { serviceNumber: f.serviceNumber });
    if (f.startedFrom) qb.andWhere('s.started_at >= :startedFrom', { startedFrom: f.startedFrom });
    if (f.startedTo) qb.andWhere('s.started_at < :startedTo', { startedTo: f.startedTo });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('s.id', 'ASC');
  }

  async list(f: SubscriptionCriteria, page: number, pageSize: number): Promise<[SubscriptionRow[], number]> {
    const qb = this.criteriaQuery(f);
    const [rows, total] = await Promise.all([qb.clone().offset((page - 1) * pageSize).limit(pageSize).getRawMany<SubscriptionRow>(), qb.getCount()]);
    return [rows, total];
  }

  async row(id: string, manager?: EntityManager): Promise<SubscriptionRow | null> {
    const row = await this.criteriaQuery({ sort: 'startedAt' }, manager).andWhere('s.id = :id', { id }).getRawOne<SubscriptionRow>();
    return row ?? null;
  }

  async insert(manager: EntityManager, values: Partial<Subscription>): Promise<string> {
    try {
      const res = await manager.insert(Subscription, values);
      return (res.identifiers[0] as { id: string }).id;
    } catch (err) {
      throw translateSubscriptionError(err);
    }
  }

  async update(manager: EntityManager, id: string, values: Partial<Subscription>): Promise<void> {
    try {
      await manager.update(Subscription, { id }, values);
    } catch (err) {
      throw translateSubscriptionError(err);
    }
  }
}
