import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '@crm/errors';
import { BundleComponent, PricePlan, Product, Subscription } from './entities';
import { ProductCategory } from './product.constants';

export interface ProductCriteria {
  category?: ProductCategory;
  active?: boolean;
  namePrefix?: string;
  sort: 'code' | '-code' | 'name' | '-name' | 'monthlyFeeFen' | '-monthlyFeeFen';
}

export interface ComponentRow {
  bundleCode: string;
  code: string;
  name: string;
  category: ProductCategory;
}

/** A product row of the export, read raw through a cursor. */
export interface ProductExportRow {
  code: string;
  name: string;
  category: string;
  active: boolean;
  monthly_fee_fen: number;
  description: string | null;
  components: string | null;
  price_plans: string | null;
  updated_at: Date;
}

const SORT_COLUMNS: Record<string, string> = { code: 'p.code', name: 'p.name', monthlyFeeFen: 'p.monthly_fee_fen' };

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The database error of a failed query: SQLSTATE and constraint. */
export function driverErrorOf(err: unknown): { code?: string; constraint?: string } | undefined {
  return err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
}

/** All I/O of the catalogue: products, their price plans and bundle composition. */
@Injectable()
export class ProductRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findProduct(code: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Product | null> {
    return manager.findOne(Product, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findProducts(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Product[]> {
    if (!codes.length) return Promise.resolve([]);
    return manager.createQueryBuilder(Product, 'p').where('p.code IN (:...codes)', { codes }).getMany();
  }

  /** Components of the given bundles, by bundle code. */
  async componentsOf(bundleCodes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ComponentRow[]>> {
    const result = new Map<string, ComponentRow[]>();
    if (!bundleCodes.length) return result;
    const rows: { bundle_code: string; code: string; name: string; category: ProductCategory }[] = await manager.query(
      `SELECT bc.bundle_code, p.code, p.name, p.category FROM bundle_component bc JOIN product p ON p.code = bc.component_code
       WHERE bc.bundle_code = ANY($1) ORDER BY bc.bundle_code, p.code`,
      [bundleCodes],
    );
    for (const r of rows) {
      const list = result.get(r.bundle_code) ?? [];
      list.push({ bundleCode: r.bundle_code, code: r.code, name: r.name, category: r.category });
      result.set(r.bundle_code, list);
    }
    return result;
  }

  /** Bundles that include the product. */
  async bundlesIncluding(code: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { bundle_code: string }[] = await manager.query(`SELECT bundle_code FROM bundle_component WHERE component_code = $1 ORDER BY 1`, [code]);
    return rows.map((r) => r.bundle_code);
  }

  /** Price plans of the given products, by product code, each list ordered by code. */
  async plansOf(productCodes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, PricePlan[]>> {
    const result = new Map<string, PricePlan[]>();
    if (!productCodes.length) return result;
    const plans = await manager.createQueryBuilder(PricePlan, 'pp').where('pp.product_code IN (:...codes)', { codes: productCodes }).orderBy('pp.code', 'ASC').getMany();
    for (const plan of plans) result.set(plan.productCode, [...(result.get(plan.productCode) ?? []), plan]);
    return result;
  }

  criteriaQuery(f: ProductCriteria): SelectQueryBuilder<Product> {
    const qb = this.dataSource.createQueryBuilder(Product, 'p');
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.active !== undefined) qb.andWhere('p.active = :active', { active: f.active });
    if (f.namePrefix) qb.andWhere(`p.name LIKE :prefix ESCAPE '\\'`, { prefix: `${escapeLike(f.namePrefix)}%` });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('p.code', 'ASC');
  }

  list(f: ProductCriteria, page: number, pageSize: number): Promise<[Product[], number]> {
    return this.criteriaQuery(f).skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
  }

  /** The export's columns: components and price plans folded into one cell each. */
  exportQuery(f: ProductCriteria): SelectQueryBuilder<Product> {
    return this.criteriaQuery(f)
      .select(['p.code AS code', 'p.name AS name', 'p.category AS category', 'p.active AS active', 'p.monthly_fee_fen AS monthly_fee_fen', 'p.description AS description', 'p.updated_at AS updated_at'])
      .addSelect(`(SELECT string_agg(bc.component_code, ' ' ORDER BY bc.component_code) FROM bundle_component bc WHERE bc.bundle_code = p.code)`, 'components')
      .addSelect(
        `(SELECT string_agg(pp.code || ' ' || pp.name || ' ' || pp.monthly_fee_fen, '; ' ORDER BY pp.code) FROM price_plan pp WHERE pp.product_code = p.code)`,
        'price_plans',
      );
  }

  async insertProduct(manager: EntityManager, product: Partial<Product>): Promise<void> {
    try {
      await manager.insert(Product, product);
    } catch (err) {
      throw translateCatalogueError(err);
    }
  }

  async updateProduct(manager: EntityManager, code: string, values: Partial<Pick<Product, 'name' | 'description' | 'active' | 'monthlyFeeFen'>>): Promise<void> {
    await manager.update(Product, { code }, values);
  }

  async replaceComponents(manager: EntityManager, bundleCode: string, componentCodes: string[]): Promise<void> {
    await manager.delete(BundleComponent, { bundleCode });
    if (componentCodes.length) await manager.insert(BundleComponent, componentCodes.map((componentCode) => ({ bundleCode, componentCode })));
  }

  async countSubscriptions(manager: EntityManager, where: { productCode?: string; pricePlanCode?: string }): Promise<number> {
    return manager.count(Subscription, { where });
  }

  async deleteProduct(manager: EntityManager, code: string): Promise<void> {
    try {
      await manager.delete(Product, { code });
    } catch (err) {
      throw translateCatalogueError(err);
    }
  }

  findPlan(code: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<PricePlan | null> {
    return manager.findOne(PricePlan, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  listPlans(productCode: string, validOn: string | undefined, page: number, pageSize: number): Promise<[PricePlan[], number]> {
    const qb = this.dataSource.createQueryBuilder(PricePlan, 'pp').where('pp.product_code = :productCode', { productCode });
    if (validOn) qb.andWhere('pp.valid_from <= :validOn AND (pp.valid_to IS NULL OR pp.valid_to >= :validOn)', { validOn });
    return qb.orderBy('pp.code', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
  }

  async insertPlan(manager: EntityManager, plan: Partial<PricePlan>): Promise<void> {
    try {
      await manager.insert(PricePlan, plan);
    } catch (err) {
      throw translateCatalogueError(err);
    }
  }

  async updatePlan(manager: EntityManager, code: string, values: Partial<PricePlan>): Promise<void> {
    await manager.update(PricePlan, { code }, values);
  }

  async deletePlan(manager: EntityManager, code: string): Promise<void> {
    try {
      await manager.delete(PricePlan, { code });
    } catch (err) {
      throw translateCatalogueError(err);
    }
  }
}

/** Constraint violations of catalogue writes that slipped past the service's checks (races): 409. */
function translateCatalogueError(err: unknown): unknown {
  const e = driverErrorOf(err);
  if (e?.code === '23505') {
    if (e.constraint === 'price_plan_pkey' || e.constraint === 'uq_price_plan_code_product') return DomainException.conflict('A price plan with this code already exists', [{ field: 'code', problem: 'already used' }]);
    return DomainException.conflict('A product with this code already exists', [{ field: 'code', problem: 'already used' }]);
  }
  if (e?.code === '23503') {
    if (e.constraint === 'fk_subscription_product' || e.constraint === 'fk_subscription_price_plan') return DomainException.conflict('It is used by subscriptions');
    if (e.constraint === 'fk_bundle_component_component') return DomainException.conflict('It is a component of a bundle');
    if (e.constraint === 'fk_price_plan_product') return DomainException.notFound('Product', '(deleted meanwhile)');
  }
  return err;
}
