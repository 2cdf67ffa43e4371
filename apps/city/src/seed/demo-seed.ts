import { DataSource, EntityManager } from 'typeorm';
import { CustomerStatus, CustomerType, Gender, IdType, maskIdNumber, PersonalDataCipher, residentIdCheckChar } from '@crm/customer';
import { ProductCategory } from '@crm/product';
import { areaCodeFor, cityNameFor, districtsFor } from './demo-districts.constants';
import { DemoBaseConfigCounts, seedDemoBaseConfig } from './demo-base-config';
import { DemoBillingCounts, seedDemoBilling } from './demo-billing';

/**
 * Realistic, reproducible demo data for a city node: districts, the product catalogue (one price plan each), customers
 * (`external_id` DEMO-<city>-000001…) and their subscriptions (DEMO-SUB-<city>-000001-1…). Idempotent: a second run with the same
 * options inserts nothing; a run with more customers adds only the missing ones.
 */
export interface CityDemoSeedOptions {
  cityCode: string;
  customers: number;
  cipher: PersonalDataCipher;
  /** Reference time: customers are created during the 400 days before it. Defaults to the current time. */
  now?: Date;
  /** Varies the generated data; the same city, seed and `now` always give the same data. */
  randomSeed?: number;
}

export interface CityDemoSeedResult extends DemoBaseConfigCounts, DemoBillingCounts {
  /** Districts of the city present after the run (inserted when missing). */
  districts: number;
  /** Catalogue products present after the run (inserted when missing). */
  products: number;
  customersInserted: number;
  subscriptionsInserted: number;
}

const BATCH_SIZE = 1000;
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 400;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a, 32 bits: turns the seed text into a mulberry32 state. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Rng {
  private readonly next: () => number;

  constructor(seedText: string) {
    this.next = mulberry32(hashSeed(seedText));
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((acc, [, w]) => acc + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Reference pools
// ---------------------------------------------------------------------------------------------

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
/** Roughly the real frequency curve: 王李张刘陈 are about 7 % each, the tail well under 1 %. */
const WEIGHTED_SURNAMES: [string, number][] = SURNAMES.map((s, i) => [s, i < 5 ? 7 : i < 10 ? 3.5 : i < 20 ? 2 : i < 40 ? 1.2 : 0.6]);
/** Given names: a first character from `lead`, a second from `tail`; one-character names come from `tail`. */
const GIVEN_NAMES: Record<Gender, { lead: string[]; tail: string[] }> = {
  [Gender.Male]: { lead: [...'志建国文明永俊家浩宇嘉晓海天泽思振立德鸿子佳少伟金'], tail: [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健帆旭宁龙林阳东峰晨博轩睿然航铭荣兵豪成'] },
  [Gender.Female]: { lead: [...'秀丽晓雪慧佳欣雨婉诗梦思美玉春海静文紫若丹金小'], tail: [...'芳娜敏静丽艳娟霞玲英婷慧颖倩琳晶燕红梅兰萍洁怡涵悦琪萱妍莉月'] },
};

const BRANDS = [
  '恒信', '鑫源', '宏达', '联创', '中诚', '永泰', '瑞祥', '金桥', '博远', '天成', '嘉禾', '锦程', '盛世', '德润', '同创', '海纳',
  '启明', '万通', '金鹏', '广源', '信达', '卓越', '云帆', '华盛', '汇通', '新锐', '智远', '腾达', '润丰', '安泰', '东升', '合力',
  '聚信', '百川', '元亨', '利民', '长青', '星辰', '泰和', '隆盛', '鼎新', '凯达', '宏图', '华瑞', '立信', '众联', '益丰', '佳美',
];
const UNIT_INDUSTRIES = ['贸易', '商贸', '餐饮管理', '物业管理', '装饰工程', '建材', '电子', '物流', '文化传播', '教育咨询', '医疗器械', '印务', '汽车服务', '服装', '食品', '五金机电'];
const SHOPS = ['便利店', '餐厅', '美容美发店', '药店', '五金店', '汽车维修中心', '诊所', '茶庄', '水果店', '面馆'];
const ENTERPRISE_FORMS: [(brand: string, cityShort: string) => string, number][] = [
  [(b, c) => `${c}${b}信息科技股份有限公司`, 3],
  [(b, c) => `${c}${b}科技股份有限公司`, 3],
  [(b, c) => `${c}${b}集团有限公司`, 2],
  [(b, c) => `${c}${b}智能制造有限公司`, 1],
  [(b, c) => `${c}${b}生物医药股份有限公司`, 1],
  [(b, c) => `${c}${b}新能源科技有限公司`, 1],
  [(b, c) => `${c}${b}供应链管理有限公司`, 1],
  [(b, c) => `${c}${b}建设工程有限公司`, 1],
  [(b, c) => `${c}${b}实业发展有限公司`, 1],
];
const BUILDING_SUFFIXES = ['大厦', '中心', '国际广场', '商务大厦', '科技园'];

const CITY_ROADS: Record<string, string[]> = {
  '440100': ['体育西路', '天河路', '天河北路', '中山大道', '环市东路', '江南大道中', '工业大道', '广州大道北', '黄埔大道西', '东风中路', '解放北路', '新港中路', '昌岗中路', '广园西路', '番禺大道', '迎宾大道'],
  '440300': ['深南大道', '滨河大道', '北环大道', '华强北路', '科苑南路', '宝安大道', '龙岗大道', '布吉路', '沙河西路', '民治大道', '人民南路', '福华路', '梅林路', '坪山大道', '光明大道'],
  '320100': ['中山路', '中山北路', '汉中路', '龙蟠中路', '江东中路', '应天大街', '北京西路', '珠江路', '太平南路', '双龙大道', '雨花大道', '浦珠路', '汤山路', '天元中路'],
  '320500': ['干将路', '人民路', '十全街', '东环路', '星湖街', '苏州大道东', '金鸡湖大道', '竹辉路', '长江路', '松陵大道', '前进路', '东南大道', '长江北路'],
};
const GENERIC_ROADS = ['人民路', '中山路', '解放路', '建设路', '文化路', '新华路', '和平路', '友谊路', '科技路', '学府路', '滨江路', '东风路', '青年路', '朝阳路', '幸福路', '迎宾大道'];

/** China Telecom mobile number segments. */
const TELECOM_PREFIXES = ['133', '153', '173', '177', '180', '181', '189', '191', '199'];
/**
 * Numbers are `stride * index + offset` modulo 10^8 (10^7 for landlines): a bijection, since the strides are
 * coprime with 10, so numbers never repeat within a city, and large strides make neighbours look unrelated.
 */
const PHONE_STRIDE = 73_939_133;
const LANDLINE_STRIDE = 4_567_891;

// ---------------------------------------------------------------------------------------------
// Product catalogue
// ---------------------------------------------------------------------------------------------

interface DemoProduct {
  code: string;
  name: string;
  category: ProductCategory;
  monthlyFeeFen: number;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: 'FIX-HOME', name: '家庭固定电话', category: ProductCategory.FixedLine, monthlyFeeFen: 1_800 },
  { code: 'FIX-BIZ', name: '商务固定电话', category: ProductCategory.FixedLine, monthlyFeeFen: 3_000 },
  { code: 'MOB-4G-59', name: '天翼畅享4G套餐59元', category: ProductCategory.Mobile, monthlyFeeFen: 5_900 },
  { code: 'MOB-5G-129', name: '天翼5G畅享套餐129元', category: ProductCategory.Mobile, monthlyFeeFen: 12_900 },
  { code: 'MOB-5G-199', name: '天翼5G畅享套餐199元', category: ProductCategory.Mobile, monthlyFeeFen: 19_900 },
  { code: 'BB-300M', name: '300M光纤宽带', category: ProductCategory.Broadband, monthlyFeeFen: 10_000 },
  { code: 'BB-1000M', name: '千兆光纤宽带', category: ProductCategory.Broadband, monthlyFeeFen: 15_900 },
  { code: 'IPTV-STD', name: '天翼高清IPTV标准版', category: ProductCategory.Iptv, monthlyFeeFen: 2_000 },
  { code: 'IPTV-4K', name: '天翼超高清4K IPTV', category: ProductCategory.Iptv, monthlyFeeFen: 3_000 },
  { code: 'LL-100M', name: '互联网专线100M', category: ProductCategory.LeasedLine, monthlyFeeFen: 280_000 },
  { code: 'LL-1G', name: '互联网专线1000M', category: ProductCategory.LeasedLine, monthlyFeeFen: 1_200_000 },
  { code: 'BUNDLE-E9-199', name: '天翼e9融合套餐199元（5G+千兆宽带+IPTV）', category: ProductCategory.Bundle, monthlyFeeFen: 19_900 },
  { code: 'BUNDLE-E9-299', name: '天翼e9融合套餐299元（5G+千兆宽带+4K IPTV）', category: ProductCategory.Bundle, monthlyFeeFen: 29_900 },
];
const PRODUCT_BY_CODE = new Map(DEMO_PRODUCTS.map((p) => [p.code, p]));

/** Each product's standard price plan (資費套餐) `<code>-STD`, on sale since 2020 at the product's fee: [voice minutes, data MB]. */
const DEMO_PLAN_ALLOWANCES: Record<string, [voiceMinutes: number, dataMb: number]> = {
  'FIX-HOME': [0, 0], 'FIX-BIZ': [0, 0],
  'MOB-4G-59': [200, 10_240], 'MOB-5G-129': [500, 30_720], 'MOB-5G-199': [1_000, 61_440],
  'BB-300M': [0, 0], 'BB-1000M': [0, 0], 'IPTV-STD': [0, 0], 'IPTV-4K': [0, 0], 'LL-100M': [0, 0], 'LL-1G': [0, 0],
  'BUNDLE-E9-199': [500, 40_960], 'BUNDLE-E9-299': [1_000, 81_920],
};
export const demoPricePlanCode = (productCode: string): string => `${productCode}-STD`;

interface SubscriptionPlan {
  first: [code: string, weight: number][];
  extras: string[];
  count: [n: number, weight: number][];
}

const PLANS: Record<CustomerType, SubscriptionPlan> = {
  [CustomerType.PublicResidential]: {
    first: [['MOB-4G-59', 12], ['MOB-5G-129', 20], ['MOB-5G-199', 8], ['BUNDLE-E9-199', 25], ['BUNDLE-E9-299', 10], ['BB-300M', 11], ['BB-1000M', 4], ['FIX-HOME', 10]],
    extras: ['FIX-HOME', 'BB-300M', 'BB-1000M', 'IPTV-STD', 'IPTV-4K', 'MOB-4G-59', 'MOB-5G-129'],
    count: [[1, 50], [2, 35], [3, 15]],
  },
  [CustomerType.PublicUnit]: {
    first: [['FIX-BIZ', 40], ['BB-300M', 25], ['BB-1000M', 15], ['MOB-5G-129', 20]],
    extras: ['FIX-BIZ', 'BB-300M', 'BB-1000M', 'MOB-4G-59', 'MOB-5G-129', 'MOB-5G-199'],
    count: [[1, 55], [2, 35], [3, 10]],
  },
  [CustomerType.KeyIndividual]: {
    first: [['BUNDLE-E9-299', 50], ['MOB-5G-199', 50]],
    extras: ['BB-1000M', 'IPTV-4K', 'FIX-HOME'],
    count: [[1, 20], [2, 45], [3, 35]],
  },
  [CustomerType.KeyEnterprise]: {
    first: [['LL-100M', 60], ['LL-1G', 40]],
    extras: ['FIX-BIZ', 'BB-1000M', 'MOB-5G-199'],
    count: [[1, 10], [2, 50], [3, 40]],
  },
};

/** One product per category; a bundle already holds a mobile line and broadband; IPTV needs a broadband line. */
function compatible(code: string, chosen: DemoProduct[]): boolean {
  const category = PRODUCT_BY_CODE.get(code)!.category;
  const has = (c: ProductCategory) => chosen.some((p) => p.category === c);
  if (has(category)) return false;
  if (has(ProductCategory.Bundle) && (category === ProductCategory.Mobile || category === ProductCategory.Broadband)) return false;
  if (category === ProductCategory.Bundle && (has(ProductCategory.Mobile) || has(ProductCategory.Broadband))) return false;
  if (category === ProductCategory.Iptv && !has(ProductCategory.Broadband) && !has(ProductCategory.Bundle)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Identity documents
// ---------------------------------------------------------------------------------------------

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code check character for 8 body characters. */
function orgCodeCheckChar(body: string): string {
  const sum = [...body].reduce((acc, ch, i) => acc + ORG_CODE_WEIGHTS[i] * (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 unified social credit code: registration authority + type, division code, organisation code, check. */
function unifiedSocialCreditCode(rng: Rng, authorityAndType: string, districtCode: string): string {
  const body = rng.chance(0.7)
    ? `MA${rng.pick([...'0123456789'])}${Array.from({ length: 5 }, () => rng.pick([...USCC_CHARS])).join('')}`
    : Array.from({ length: 8 }, () => String(rng.int(0, 9))).join('');
  const first17 = `${authorityAndType}${districtCode}${body}${orgCodeCheckChar(body)}`;
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

interface DemoSubscription {
  productCode: string;
  serviceNumber: string;
  status: 'active' | 'terminated';
  startedAt: Date;
  endedAt: Date | null;
}

interface DemoCustomer {
  externalId: string;
  name: string;
  customerType: CustomerType;
  gender: Gender | null;
  birthDate: string | null;
  districtCode: string;
  address: string;
  phone: string;
  idType: IdType;
  idNumber: string;
  status: CustomerStatus;
  createdAt: Date;
  deletedAt: Date | null;
  subscriptions: DemoSubscription[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export const demoExternalId = (cityCode: string, index: number): string => `DEMO-${cityCode}-${pad(index, 6)}`;

/**
 * Customer `index` depends only on the city, the seed, `now` and the customers before it (which
 * keep identity documents unique), so any prefix of the sequence is the same in every run.
 */
class CityDemoGenerator {
  private readonly districts: [string, string][];
  private readonly cityName: string;
  private readonly cityShort: string;
  private readonly areaCode: string;
  private readonly roads: string[];
  private readonly roomWord: string;
  private readonly phoneOffset: number;
  private readonly landlineOffset: number;
  private readonly usedDocuments = new Set<string>();

  constructor(
    private readonly cityCode: string,
    private readonly randomSeed: number,
    private readonly now: Date,
  ) {
    this.districts = districtsFor(cityCode);
    this.cityName = cityNameFor(cityCode);
    this.cityShort = this.cityName.replace(/市$/, '');
    this.areaCode = areaCodeFor(cityCode);
    this.roads = CITY_ROADS[cityCode] ?? GENERIC_ROADS;
    this.roomWord = cityCode.startsWith('44') ? '房' : '室';
    this.phoneOffset = hashSeed(`phone:${cityCode}`) % 100_000_000;
    this.landlineOffset = hashSeed(`landline:${cityCode}`) % 10_000_000;
  }

  customer(index: number): DemoCustomer {
    const rng = new Rng(`${this.cityCode}:${this.randomSeed}:${index}`);
    const customerType = rng.weighted([
      [CustomerType.PublicResidential, 80],
      [CustomerType.PublicUnit, 12],
      [CustomerType.KeyIndividual, 5],
      [CustomerType.KeyEnterprise, 3],
    ] as const);
    const [districtCode, districtName] = rng.pick(this.districts);
    const person = customerType === CustomerType.PublicResidential || customerType === CustomerType.KeyIndividual;

    // A day among the last 400 (before today), skewed towards the present: the density of "days ago"
    // falls off as x^-0.2; during opening hours, 08:30-21:30 Beijing time (00:30-13:30 UTC).
    const nowMs = this.now.getTime();
    const daysAgo = 1 + Math.floor((HISTORY_DAYS - 1) * rng.float() ** 1.25);
    const createdMs = Math.floor((nowMs - daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 1_800_000 + rng.int(0, 13 * 3600 - 1) * 1000;
    const createdAt = new Date(createdMs);
    const closed = rng.chance(0.04);
    const deletedAt = closed ? new Date(Math.floor((createdMs + (nowMs - createdMs) * (0.15 + 0.8 * rng.float())) / 1000) * 1000) : null;
    const status = rng.chance(0.03) ? CustomerStatus.Suspended : CustomerStatus.Active;
    const phone = `${rng.pick(TELECOM_PREFIXES)}${pad((index * PHONE_STRIDE + this.phoneOffset) % 100_000_000, 8)}`;

    let name: string;
    let gender: Gender | null = null;
    let birthDate: string | null = null;
    let idType: IdType;
    let idNumber: string;
    let address: string;
    const road = rng.pick(this.roads);
    if (person) {
      gender = rng.chance(0.5) ? Gender.Male : Gender.Female;
      const [fromYear, toYear] = customerType === CustomerType.KeyIndividual ? [1960, 1992] : [1950, 2005];
      const from = Date.UTC(fromYear, 0, 1);
      const birth = new Date(from + rng.int(0, Math.floor((Date.UTC(toYear, 11, 31) - from) / DAY_MS)) * DAY_MS);
      birthDate = isoDate(birth);
      name = rng.weighted(WEIGHTED_SURNAMES) + this.givenName(rng, gender);
      idType = IdType.ResidentId;
      idNumber = this.residentId(rng, districtCode, birthDate.replace(/-/g, ''), gender);
      address = `${districtName}${road}${rng.int(1, 999)}号${rng.int(1, 30)}栋${rng.int(1, 33)}${pad(rng.int(1, 8), 2)}${this.roomWord}`;
    } else {
      idType = IdType.BusinessLicense;
      const building = `${rng.pick(BRANDS)}${rng.pick(BUILDING_SUFFIXES)}`;
      if (customerType === CustomerType.KeyEnterprise) {
        name = rng.weighted(ENTERPRISE_FORMS)(rng.pick(BRANDS), this.cityShort);
        idNumber = this.uscc(rng, '91', districtCode);
        address = `${districtName}${road}${rng.int(1, 999)}号${building}${rng.pick(['A', 'B', 'C'])}座${rng.int(5, 40)}楼`;
      } else if (rng.chance(0.15)) {
        // 个体工商户: registered under 92…
        name = `${districtName}${rng.pick(BRANDS)}${rng.pick(SHOPS)}`;
        idNumber = this.uscc(rng, '92', districtCode);
        address = `${districtName}${road}${rng.int(1, 999)}号首层${rng.int(101, 120)}铺`;
      } else {
        // A county-level city (昆山市…) names its companies without the prefecture.
        const prefix = districtName.endsWith('市') ? districtName : rng.chance(0.7) ? `${this.cityName}${districtName}` : this.cityName;
        name = `${prefix}${rng.pick(BRANDS)}${rng.pick(UNIT_INDUSTRIES)}有限公司`;
        idNumber = this.uscc(rng, '91', districtCode);
        address = `${districtName}${road}${rng.int(1, 999)}号${rng.chance(0.5) ? building : ''}${rng.int(2, 28)}楼${pad(rng.int(1, 20), 2)}室`;
      }
    }

    const subscriptions = this.subscriptions(rng, index, customerType, phone, createdAt, deletedAt);
    return { externalId: demoExternalId(this.cityCode, index), name, customerType, gender, birthDate, districtCode, address, phone, idType, idNumber, status, createdAt, deletedAt, subscriptions };
  }

  private givenName(rng: Rng, gender: Gender): string {
    const { lead, tail } = GIVEN_NAMES[gender];
    if (rng.chance(0.25)) return rng.pick(tail);
    const first = rng.pick(lead);
    let second = rng.pick(tail);
    while (second === first) second = rng.pick(tail);
    return first + second;
  }

  /** District + birth date + sequence (odd for men) + check character; unique in this run. */
  private residentId(rng: Rng, districtCode: string, birth: string, gender: Gender): string {
    let seq = rng.int(0, 499) * 2 + (gender === Gender.Male ? 1 : 0);
    for (let attempt = 0; attempt < 500; attempt++) {
      const first17 = `${districtCode}${birth}${pad(seq, 3)}`;
      const id = first17 + residentIdCheckChar(first17);
      if (!this.usedDocuments.has(id)) {
        this.usedDocuments.add(id);
        return id;
      }
      seq = (seq + 2) % 1000;
    }
    throw new Error(`No free resident ID for ${districtCode}/${birth}`);
  }

  private uscc(rng: Rng, authorityAndType: string, districtCode: string): string {
    for (;;) {
      const code = unifiedSocialCreditCode(rng, authorityAndType, districtCode);
      if (!this.usedDocuments.has(code)) {
        this.usedDocuments.add(code);
        return code;
      }
    }
  }

  private subscriptions(rng: Rng, index: number, type: CustomerType, phone: string, createdAt: Date, deletedAt: Date | null): DemoSubscription[] {
    const plan = PLANS[type];
    const chosen: DemoProduct[] = [PRODUCT_BY_CODE.get(rng.weighted(plan.first))!];
    const wanted = rng.weighted(plan.count);
    while (chosen.length < wanted) {
      const candidates = plan.extras.filter((code) => compatible(code, chosen));
      if (candidates.length === 0) break;
      chosen.push(PRODUCT_BY_CODE.get(rng.pick(candidates))!);
    }

    const start = createdAt.getTime();
    const span = (deletedAt ?? this.now).getTime() - start;
    return chosen.map((product, i) => {
      // The first line opens with the account (within two hours); later ones during the customer's life, mostly early.
      const offset = i === 0 ? Math.min(rng.float() * 2 * 3_600_000, span * 0.1) : span * 0.9 * rng.float() ** 2;
      return {
        productCode: product.code,
        serviceNumber: this.serviceNumber(product.category, index, phone),
        status: deletedAt ? 'terminated' : 'active',
        startedAt: new Date(Math.floor((start + offset) / 1000) * 1000),
        endedAt: deletedAt,
      };
    });
  }

  private serviceNumber(category: ProductCategory, index: number, phone: string): string {
    switch (category) {
      case ProductCategory.Mobile:
      case ProductCategory.Bundle:
        return phone;
      case ProductCategory.FixedLine:
        return `${this.areaCode}-8${pad((index * LANDLINE_STRIDE + this.landlineOffset) % 10_000_000, 7)}`;
      case ProductCategory.Broadband:
        return `BB${this.cityCode}${pad(index, 6)}`;
      case ProductCategory.LeasedLine:
        return `LL${this.cityCode}${pad(index, 6)}`;
      case ProductCategory.Iptv:
        return `ITV${this.cityCode}${pad(index, 6)}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Persistence
// ---------------------------------------------------------------------------------------------

const INSERT_CUSTOMERS = `
  INSERT INTO customer (external_id, name, customer_type, gender, birth_date, district_code, address, phone, id_type,
                        id_number_hash, id_number_encrypted, id_number_masked, id_prefix_keys, status, created_at, updated_at, deleted_at)
  SELECT r.external_id, r.name, r.customer_type, r.gender, r.birth_date, r.district_code, r.address, r.phone, r.id_type,
         r.id_number_hash, r.id_number_encrypted, r.id_number_masked, r.id_prefix_keys, r.status, r.created_at, COALESCE(r.deleted_at, r.created_at), r.deleted_at
  FROM jsonb_to_recordset($1::jsonb) AS r(
    external_id varchar, name varchar, customer_type varchar, gender varchar, birth_date date, district_code char(6),
    address varchar, phone varchar, id_type varchar, id_number_hash char(64), id_number_encrypted text,
    id_number_masked varchar, id_prefix_keys bigint[], status varchar, created_at timestamptz, deleted_at timestamptz)
  -- a document already held by a live customer (e.g. a real one) is skipped rather than failing the whole seed
  WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id_type = r.id_type AND c.id_number_hash = r.id_number_hash AND c.deleted_at IS NULL)
  ON CONFLICT (external_id) WHERE external_id IS NOT NULL AND deleted_at IS NULL DO NOTHING
  RETURNING id, external_id`;

const INSERT_SUBSCRIPTIONS = `
  INSERT INTO subscription (external_id, customer_id, product_code, price_plan_code, service_number, status, started_at, ended_at, created_at, updated_at)
  SELECT r.external_id, r.customer_id, r.product_code, r.price_plan_code, r.service_number, r.status, r.started_at, r.ended_at, r.started_at, COALESCE(r.ended_at, r.started_at)
  FROM jsonb_to_recordset($1::jsonb) AS r(external_id varchar, customer_id uuid, product_code varchar, price_plan_code varchar, service_number varchar, status varchar,
                                          started_at timestamptz, ended_at timestamptz)
  ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING
  RETURNING id`;

export async function seedCityDemo(dataSource: DataSource, options: CityDemoSeedOptions): Promise<CityDemoSeedResult> {
  const { cityCode, customers, cipher } = options;
  if (!/^\d{6}$/.test(cityCode)) throw new Error(`cityCode must be a 6-digit GB/T 2260 code, got '${cityCode}'`);
  if (!Number.isInteger(customers) || customers < 0 || customers > 5_000_000) throw new Error(`customers must be an integer in [0, 5000000], got ${customers}`);
  const generator = new CityDemoGenerator(cityCode, options.randomSeed ?? 0, options.now ?? new Date());
  const districts = districtsFor(cityCode);

  return dataSource.transaction(async (manager: EntityManager) => {
    await manager.query(
      `INSERT INTO district (code, name) SELECT r.code, r.name FROM jsonb_to_recordset($1::jsonb) AS r(code char(6), name varchar)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(districts.map(([code, name]) => ({ code, name })))],
    );
    const baseConfig = await seedDemoBaseConfig(manager, cityCode);
    await manager.query(
      `INSERT INTO product (code, name, category, monthly_fee_fen)
       SELECT r.code, r.name, r.category, r.monthly_fee_fen
       FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name varchar, category varchar, monthly_fee_fen integer)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(DEMO_PRODUCTS.map((p) => ({ code: p.code, name: p.name, category: p.category, monthly_fee_fen: p.monthlyFeeFen })))],
    );
    await manager.query(
      `INSERT INTO price_plan (code, product_code, name, monthly_fee_fen, included_voice_minutes, included_data_mb, valid_from)
       SELECT r.code, r.product_code, r.name, r.monthly_fee_fen, r.included_voice_minutes, r.included_data_mb, DATE '2020-01-01'
       FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, product_code varchar, name varchar, monthly_fee_fen integer, included_voice_minutes integer, included_data_mb integer)
       ON CONFLICT (code) DO NOTHING`,
      [
        JSON.stringify(
          DEMO_PRODUCTS.map((p) => ({
            code: demoPricePlanCode(p.code),
            product_code: p.code,
            name: `${p.name}（标准资费）`,
            monthly_fee_fen: p.monthlyFeeFen,
            included_voice_minutes: DEMO_PLAN_ALLOWANCES[p.code]?.[0] ?? 0,
            included_data_mb: DEMO_PLAN_ALLOWANCES[p.code]?.[1] ?? 0,
          })),
        ),
      ],
    );

    // Closed customers are outside the partial unique index, so ON CONFLICT alone would insert them again:
    // every demo external_id ever written (closed or not) is skipped up front.
    const existing = new Set<string>(
      (await manager.query(`SELECT external_id FROM customer WHERE external_id LIKE $1`, [`DEMO-${cityCode}-%`])).map((r: { external_id: string }) => r.external_id),
    );

    let customersInserted = 0;
    let subscriptionsInserted = 0;
    for (let from = 1; from <= customers; from += BATCH_SIZE) {
      const batch: DemoCustomer[] = [];
      for (let index = from; index < Math.min(from + BATCH_SIZE, customers + 1); index++) {
        const customer = generator.customer(index); // always generated: later customers depend on earlier ones
        if (!existing.has(customer.externalId)) batch.push(customer);
      }
      if (batch.length === 0) continue;

      const rows = batch.map((c) => ({
        external_id: c.externalId,
        name: c.name,
        customer_type: c.customerType,
        gender: c.gender,
        birth_date: c.birthDate,
        district_code: c.districtCode,
        address: c.address,
        phone: c.phone,
        id_type: c.idType,
        id_number_hash: cipher.hash(c.idType, c.idNumber),
        id_number_encrypted: cipher.encrypt(c.idNumber),
        id_number_masked: maskIdNumber(c.idNumber),
        id_prefix_keys: cipher.prefixKeys(c.idNumber),
        status: c.status,
        created_at: c.createdAt.toISOString(),
        deleted_at: c.deletedAt?.toISOString() ?? null,
      }));
      const inserted: { id: string; external_id: string }[] = await manager.query(INSERT_CUSTOMERS, [JSON.stringify(rows)]);
      await manager.query(
        `INSERT INTO customer_status_change (customer_id, from_status, to_status, reason, changed_at, changed_by)
         SELECT id, NULL, status, 'created', created_at, 'seed' FROM customer WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT id, status, 'closed', 'closed', deleted_at, 'seed' FROM customer WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL`,
        [inserted.map((r) => r.id)],
      );
      customersInserted += inserted.length;

      const idByExternalId = new Map(inserted.map((r) => [r.external_id, r.id]));
      const subscriptions = batch.flatMap((c) => {
        const customerId = idByExternalId.get(c.externalId);
        if (!customerId) return [];
        return c.subscriptions.map((s, i) => ({
          external_id: `${c.externalId.replace(/^DEMO-/, 'DEMO-SUB-')}-${i + 1}`,
          customer_id: customerId,
          product_code: s.productCode,
          price_plan_code: demoPricePlanCode(s.productCode),
          service_number: s.serviceNumber,
          status: s.status,
          started_at: s.startedAt.toISOString(),
          ended_at: s.endedAt?.toISOString() ?? null,
        }));
      });
      for (let i = 0; i < subscriptions.length; i += BATCH_SIZE) {
        const chunk = subscriptions.slice(i, i + BATCH_SIZE);
        subscriptionsInserted += ((await manager.query(INSERT_SUBSCRIPTIONS, [JSON.stringify(chunk)])) as unknown[]).length;
      }
    }

    await enrichDemoProfiles(manager, cityCode);
    const billing = await seedDemoBilling(manager, cityCode, options.now ?? new Date());
    return { districts: districts.length, products: DEMO_PRODUCTS.length, customersInserted, subscriptionsInserted, ...baseConfig, ...billing };
  });
}

/**
 * Fills the master-data fields the generator leaves empty, deterministically from each demo
 * customer's external id (so re-running changes nothing): business hall of the district, level,
 * industry and legal-person-free organisation fields, key-account level and relationship, and an
 * account manager for key accounts.
 */
async function enrichDemoProfiles(manager: EntityManager, cityCode: string): Promise<void> {
  await manager.query(
    `WITH h AS (
       SELECT c.id, abs(hashtext(c.external_id)) AS k, c.customer_type, c.district_code FROM customer c
       WHERE c.external_id LIKE $1 AND c.hall_code IS NULL)
     UPDATE customer c SET
       hall_code = (SELECT b.code FROM business_hall b WHERE b.district_code = h.district_code ORDER BY b.code LIMIT 1),
       level_code = CASE WHEN h.customer_type IN ('key_individual', 'key_enterprise') THEN 'GOLD' WHEN h.k % 5 = 0 THEN 'SILVER' ELSE 'NORMAL' END,
       industry_code = CASE WHEN h.customer_type IN ('public_unit', 'key_enterprise') THEN (ARRAY['C', 'F', 'G', 'I', 'K', 'L', 'M', 'P', 'Q'])[1 + h.k % 9] END,
       education = CASE WHEN h.customer_type IN ('public_residential', 'key_individual')
         THEN (ARRAY['senior_high', 'college', 'bachelor', 'bachelor', 'master', 'junior_high'])[1 + h.k % 6] END,
       sub_class = CASE WHEN h.customer_type = 'public_residential' THEN (ARRAY['ordinary', 'ordinary', 'ordinary', 'apartment', 'villa'])[1 + h.k % 5] END,
       key_account_level = CASE WHEN h.customer_type = 'key_enterprise' THEN (ARRAY['city', 'city', 'provincial', 'national'])[1 + h.k % 4] END,
       relationship_type = CASE WHEN h.customer_type = 'key_enterprise' THEN (ARRAY['win_win', 'buy_out'])[1 + h.k % 2] END,
       account_manager_id = CASE WHEN h.customer_type IN ('key_individual', 'key_enterprise')
         THEN (SELECT s.id FROM staff s WHERE s.department_code = 'GOV' ORDER BY s.employee_no OFFSET (h.k % greatest(1, (SELECT count(*) FROM staff WHERE department_code = 'GOV'))) LIMIT 1) END
     FROM h WHERE c.id = h.id`,
    [`DEMO-${cityCode}-%`],
  );
}
