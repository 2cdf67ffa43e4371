import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode, rejectNulls } from '@crm/errors';
import { PricePlan, Product } from './entities';
import { ProductCategory } from './product.constants';
import { ComponentRow, ProductCriteria, ProductRepository } from './product.repository';
import { CreatePricePlanDto } from './dto/create-price-plan.dto';
import { CreateProductDto } from './dto/create-product.dto';
import { ListPricePlansDto } from './dto/list-price-plans.dto';
import { ListProductsDto } from './dto/list-products.dto';
import { PricePlanPageDto, PricePlanResponseDto } from './dto/price-plan-response.dto';
import { ProductPageDto, ProductResponseDto } from './dto/product-response.dto';
import { UpdatePricePlanDto } from './dto/update-price-plan.dto';
import { UpdateProductDto } from './dto/update-product.dto';

const staleVersion = (what: string, current: number): DomainException =>
  DomainException.conflict(`The ${what} was changed meanwhile (current version ${current}); read it again`, [{ field: 'version', problem: `current version is ${current}` }]);

export function toPricePlanDto(p: PricePlan): PricePlanResponseDto {
  return {
    code: p.code,
    productCode: p.productCode,
    name: p.name,
    monthlyFeeFen: p.monthlyFeeFen,
    includedVoiceMinutes: p.includedVoiceMinutes,
    includedDataMb: p.includedDataMb,
    validFrom: p.validFrom,
    validTo: p.validTo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const productValues = (p: Product, componentCodes: string[]): Record<string, unknown> => ({
  code: p.code,
  name: p.name,
  category: p.category,
  description: p.description,
  active: p.active,
  monthlyFeeFen: p.monthlyFeeFen,
  componentCodes,
});

const planValues = (p: PricePlan): Record<string, unknown> => ({
  code: p.code,
  productCode: p.productCode,
  name: p.name,
  monthlyFeeFen: p.monthlyFeeFen,
  includedVoiceMinutes: p.includedVoiceMinutes,
  includedDataMb: p.includedDataMb,
  validFrom: p.validFrom,
  validTo: p.validTo,
});

/** 業務信息: the product catalogue (產品目錄), price plans (資費套餐) and bundle composition. */
@Injectable()
export class ProductService {
  constructor(
    private readonly products: ProductRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateProductDto, actor: RequestActor): Promise<ProductResponseDto> {
    const componentCodes = [...(dto.componentCodes ?? [])].sort();
    return this.products.transaction(async (manager) => {
      if (await this.products.findProduct(dto.code, manager)) {
        throw DomainException.conflict(`A product with code ${dto.code} already exists`, [{ field: 'code', problem: 'already used' }]);
      }
      await this.checkComponents(manager, dto.code, dto.category, componentCodes);
      await this.products.insertProduct(manager, {
        code: dto.code,
        name: dto.name.trim(),
        category: dto.category,
        description: dto.description ?? null,
        active: dto.active ?? true,
        monthlyFeeFen: dto.monthlyFeeFen,
      });
      await this.products.replaceComponents(manager, dto.code, componentCodes);
      const product = (await this.products.findProduct(dto.code, manager))!;
      await this.audit.record(manager, actor, { action: 'create', entityType: 'product', entityId: product.code, newValues: productValues(product, componentCodes) });
      return this.detail(product, manager);
    });
  }

  async get(code: string): Promise<ProductResponseDto> {
    return this.detail(await this.requireProduct(code));
  }

  async list(q: ListProductsDto): Promise<ProductPageDto> {
    const [rows, total] = await this.products.list(this.criteria(q), q.page, q.pageSize);
    const codes = rows.map((p) => p.code);
    const components = await this.products.componentsOf(codes);
    const plans = await this.products.plansOf(codes);
    return { items: rows.map((p) => this.map(p, components.get(p.code) ?? [], plans.get(p.code) ?? [])), total, page: q.page, pageSize: q.pageSize };
  }

  criteria(q: Omit<ProductCriteria, 'sort'> & { sort?: ProductCriteria['sort'] }): ProductCriteria {
    return { category: q.category, active: q.active, namePrefix: q.namePrefix, sort: q.sort ?? 'code' };
  }

  exportQuery(criteria: ProductCriteria) {
    return this.products.exportQuery(criteria);
  }

  async update(code: string, dto: UpdateProductDto, actor: RequestActor): Promise<ProductResponseDto> {
    return this.products.transaction(async (manager) => {
      rejectNulls(dto, ['name', 'active', 'monthlyFeeFen', 'componentCodes']);
      const product = await this.requireProduct(code, manager, true);
      if (product.version !== dto.version) throw staleVersion('product', product.version);
      const beforeComponents = ((await this.products.componentsOf([code], manager)).get(code) ?? []).map((c) => c.code);
      const before = productValues(product, beforeComponents);
      let components = beforeComponents;
      if (dto.componentCodes !== undefined) {
        components = [...dto.componentCodes].sort();
        await this.checkComponents(manager, code, product.category, components);
        await this.products.replaceComponents(manager, code, components);
      }
      const values = {
        name: dto.name !== undefined ? dto.name.trim() : product.name,
        description: dto.description !== undefined ? dto.description : product.description,
        active: dto.active ?? product.active,
        monthlyFeeFen: dto.monthlyFeeFen ?? product.monthlyFeeFen,
      };
      await this.products.updateProduct(manager, code, values);
      const after = (await this.products.findProduct(code, manager))!;
      await this.audit.record(manager, actor, { action: 'update', entityType: 'product', entityId: code, ...changedFields(before, productValues(after, components)) });
      return this.detail(after, manager);
    });
  }

  /** Deletes a product never subscribed and in no bundle, with its price plans; otherwise 409 (deactivate it instead). */
  async remove(code: string, actor: RequestActor): Promise<void> {
    await this.products.transaction(async (manager) => {
      const product = await this.requireProduct(code, manager, true);
      const subscriptions = await this.products.countSubscriptions(manager, { productCode: code });
      if (subscriptions > 0) throw DomainException.conflict(`Product ${code} has ${subscriptions} subscription(s); set active=false to withdraw it instead`);
      const bundles = await this.products.bundlesIncluding(code, manager);
      if (bundles.length) throw DomainException.conflict(`Product ${code} is a component of ${bundles.join(', ')}; remove it from the bundle(s) first`);
      const components = ((await this.products.componentsOf([code], manager)).get(code) ?? []).map((c) => c.code);
      const plans = (await this.products.plansOf([code], manager)).get(code) ?? [];
      await this.products.deleteProduct(manager, code);
      await this.audit.record(manager, actor, {
        action: 'delete',
        entityType: 'product',
        entityId: code,
        oldValues: { ...productValues(product, components), pricePlanCodes: plans.map((p) => p.code) },
      });
    });
  }

  // --- price plans (資費套餐), nested under their product ---------------------------------------

  async createPlan(productCode: string, dto: CreatePricePlanDto, actor: RequestActor): Promise<PricePlanResponseDto> {
    return this.products.transaction(async (manager) => {
      await this.requireProduct(productCode, manager, true);
      if (await this.products.findPlan(dto.code, manager)) {
        throw DomainException.conflict(`A price plan with code ${dto.code} already exists`, [{ field: 'code', problem: 'already used' }]);
      }
      const values = {
        code: dto.code,
        productCode,
        name: dto.name.trim(),
        monthlyFeeFen: dto.monthlyFeeFen,
        includedVoiceMinutes: dto.includedVoiceMinutes ?? 0,
        includedDataMb: dto.includedDataMb ?? 0,
        validFrom: dto.validFrom,
        validTo: dto.validTo ?? null,
      };
      checkValidity(values.validFrom, values.validTo);
      await this.products.insertPlan(manager, values);
      const plan = (await this.products.findPlan(dto.code, manager))!;
      await this.audit.record(manager, actor, { action: 'create', entityType: 'price_plan', entityId: plan.code, newValues: planValues(plan) });
      return toPricePlanDto(plan);
    });
  }

  async listPlans(productCode: string, q: ListPricePlansDto): Promise<PricePlanPageDto> {
    await this.requireProduct(productCode);
    const [rows, total] = await this.products.listPlans(productCode, q.validOn, q.page, q.pageSize);
    return { items: rows.map(toPricePlanDto), total, page: q.page, pageSize: q.pageSize };
  }

  async getPlan(productCode: string, code: string): Promise<PricePlanResponseDto> {
    return toPricePlanDto(await this.requirePlan(productCode, code));
  }

  async updatePlan(productCode: string, code: string, dto: UpdatePricePlanDto, actor: RequestActor): Promise<PricePlanResponseDto> {
    return this.products.transaction(async (manager) => {
      rejectNulls(dto, ['name', 'monthlyFeeFen', 'includedVoiceMinutes', 'includedDataMb', 'validFrom']);
      const plan = await this.requirePlan(productCode, code, manager, true);
      if (plan.version !== dto.version) throw staleVersion('price plan', plan.version);
      const values = {
        name: dto.name !== undefined ? dto.name.trim() : plan.name,
        monthlyFeeFen: dto.monthlyFeeFen ?? plan.monthlyFeeFen,
        includedVoiceMinutes: dto.includedVoiceMinutes ?? plan.includedVoiceMinutes,
        includedDataMb: dto.includedDataMb ?? plan.includedDataMb,
        validFrom: dto.validFrom ?? plan.validFrom,
        validTo: dto.validTo !== undefined ? dto.validTo : plan.validTo,
      };
      checkValidity(values.validFrom, values.validTo);
      await this.products.updatePlan(manager, code, values);
      const after = (await this.products.findPlan(code, manager))!;
      await this.audit.record(manager, actor, { action: 'update', entityType: 'price_plan', entityId: code, ...changedFields(planValues(plan), planValues(after)) });
      return toPricePlanDto(after);
    });
  }

  async removePlan(productCode: string, code: string, actor: RequestActor): Promise<void> {
    await this.products.transaction(async (manager) => {
      const plan = await this.requirePlan(productCode, code, manager, true);
      const subscriptions = await this.products.countSubscriptions(manager, { pricePlanCode: code });
      if (subscriptions > 0) throw DomainException.conflict(`Price plan ${code} is used by ${subscriptions} subscription(s); end its validity (validTo) instead`);
      await this.products.deletePlan(manager, code);
      await this.audit.record(manager, actor, { action: 'delete', entityType: 'price_plan', entityId: code, oldValues: planValues(plan) });
    });
  }

  // ---------------------------------------------------------------------------------------------

  private async requireProduct(code: string, manager?: EntityManager, lock = false): Promise<Product> {
    const product = await this.products.findProduct(code, manager, lock);
    if (!product) throw DomainException.notFound('Product', code);
    return product;
  }

  private async requirePlan(productCode: string, code: string, manager?: EntityManager, lock = false): Promise<PricePlan> {
    const plan = await this.products.findPlan(code, manager, lock);
    if (!plan || plan.productCode !== productCode) {
      await this.requireProduct(productCode, manager);
      throw DomainException.notFound('Price plan', `${code} of product ${productCode}`);
    }
    return plan;
  }

  /** Only bundles have components; each one an existing product that is not itself a bundle. */
  private async checkComponents(manager: EntityManager, code: string, category: ProductCategory, componentCodes: string[]): Promise<void> {
    if (!componentCodes.length) return;
    const field = 'componentCodes';
    if (category !== ProductCategory.Bundle) throw DomainException.badRequest('Only bundles have components', [{ field, problem: 'only allowed for category bundle' }]);
    if (componentCodes.includes(code)) throw DomainException.badRequest('A bundle cannot include itself', [{ field, problem: `contains the bundle's own code ${code}` }]);
    const found = new Map((await this.products.findProducts(componentCodes, manager)).map((p) => [p.code, p]));
    const unknown = componentCodes.filter((c) => !found.has(c));
    if (unknown.length) throw DomainException.badRequest(`Unknown product(s): ${unknown.join(', ')}`, [{ field, problem: `unknown product(s) ${unknown.join(', ')}` }]);
    const bundles = componentCodes.filter((c) => found.get(c)!.category === ProductCategory.Bundle);
    if (bundles.length) throw DomainException.badRequest(`A bundle cannot include another bundle: ${bundles.join(', ')}`, [{ field, problem: `${bundles.join(', ')} are bundles` }]);
  }

  private async detail(product: Product, manager?: EntityManager): Promise<ProductResponseDto> {
    const components = await this.products.componentsOf([product.code], manager);
    const plans = await this.products.plansOf([product.code], manager);
    return this.map(product, components.get(product.code) ?? [], plans.get(product.code) ?? []);
  }

  private map(p: Product, components: ComponentRow[], plans: PricePlan[]): ProductResponseDto {
    return {
      code: p.code,
      name: p.name,
      category: p.category,
      description: p.description,
      active: p.active,
      monthlyFeeFen: p.monthlyFeeFen,
      components: components.map(({ code, name, category }) => ({ code, name, category })),
      pricePlans: plans.map(toPricePlanDto),
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

function checkValidity(validFrom: string, validTo: string | null): void {
  if (validTo !== null && validTo < validFrom) {
    throw new DomainException(ErrorCode.ValidationFailed, 'validTo is before validFrom', [{ field: 'validTo', problem: `must be on or after validFrom (${validFrom})` }]);
  }
}
