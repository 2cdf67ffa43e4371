import { EntityManager } from 'typeorm';
import { areaCodeFor, cityNameFor, districtsFor } from './demo-districts.constants';

/** What the demo base configuration holds after a run (inserted when missing). */
export interface DemoBaseConfigCounts {
  customerLevels: number;
  serviceDepartments: number;
  businessHalls: number;
  staff: number;
}

/** 客戶等級: annual spend thresholds in fen. */
const LEVELS = [
  { code: 'NORMAL', name: '普通', rank: 1, min_annual_spend_fen: 0, description: '所有在网客户' },
  { code: 'SILVER', name: '银卡', rank: 2, min_annual_spend_fen: 120_000, description: '年消费 1,200 元及以上' },
  { code: 'GOLD', name: '金卡', rank: 3, min_annual_spend_fen: 600_000, description: '年消费 6,000 元及以上' },
];

/** 服務部門, with the job titles their staff hold and whether they work in a business hall. */
const DEPARTMENTS = [
  { code: 'CS', name: '客户服务部', titles: ['营业员', '营业员', '值班经理', '营业厅主任'], inHall: true },
  { code: 'MKT', name: '市场部', titles: ['市场专员', '市场专员', '市场经理'], inHall: false },
  { code: 'GOV', name: '政企客户部', titles: ['客户经理', '客户经理', '政企客户总监'], inHall: false },
];

const DUTIES: Record<string, string> = {
  CS: '受理营业厅业务办理、缴费及咨询投诉',
  MKT: '负责市场调研、营销活动策划与效果评估',
  GOV: '负责政企大客户走访、需求跟进与关系维护',
};

/** Twenty staff names with their gender. */
const STAFF_NAMES: [name: string, gender: 'male' | 'female'][] = [
  ['陈志强', 'male'], ['林晓燕', 'female'], ['黄建国', 'male'], ['李静', 'female'], ['张伟', 'male'],
  ['王芳', 'female'], ['刘洋', 'male'], ['吴敏', 'female'], ['周俊杰', 'male'], ['郑丽娟', 'female'],
  ['梁浩', 'male'], ['谢婷', 'female'], ['何俊', 'male'], ['罗娜', 'female'], ['徐鹏', 'male'],
  ['孙慧', 'female'], ['马超', 'male'], ['朱玲', 'female'], ['胡斌', 'male'], ['郭倩', 'female'],
];

const ROADS = ['人民路', '中山路', '解放路', '建设路', '文化路', '新华路', '和平路', '青年路'];

/** A district's short name for a hall: 天河区 → 天河. */
const shortName = (district: string): string => (district.length > 2 ? district.replace(/[区县市]$/, '') : district);

/**
 * Demo base configuration and staff for a city: customer levels (普通/银卡/金卡), three service
 * departments, one business hall per district, and twenty staff (employee numbers
 * `<city><0001…>`). Idempotent: rows already present (by code or employee number) are kept as they are.
 */
export async function seedDemoBaseConfig(manager: EntityManager, cityCode: string): Promise<DemoBaseConfigCounts> {
  const districts = districtsFor(cityCode);
  const areaCode = areaCodeFor(cityCode);
  const insert = (sql: string, rows: object[]) => manager.query(sql, [JSON.stringify(rows)]);

  // ON CONFLICT DO NOTHING without a target: a level whose rank someone else already uses is skipped too.
  await insert(
    `INSERT INTO customer_level (code, name, rank, min_annual_spend_fen, description)
     SELECT r.code, r.name, r.rank, r.min_annual_spend_fen, r.description
     FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name varchar, rank integer, min_annual_spend_fen bigint, description varchar)
     ON CONFLICT DO NOTHING`,
    LEVELS,
  );
  await insert(
    `INSERT INTO service_department (code, name, phone)
     SELECT r.code, r.name, r.phone FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name varchar, phone varchar)
     ON CONFLICT (code) DO NOTHING`,
    DEPARTMENTS.map((d, i) => ({ code: d.code, name: d.name, phone: `${areaCode}-${88_000_000 + (i + 1) * 1_001}` })),
  );

  const halls = districts.map(([districtCode, districtName], i) => ({
    code: `${districtCode}-01`,
    name: `${shortName(districtName)}营业厅`,
    district_code: districtCode,
    address: `${cityNameFor(cityCode)}${districtName}${ROADS[i % ROADS.length]}${(i * 37) % 300 + 1}号`,
    phone: `${areaCode}-${80_000_000 + (Number(districtCode) % 10_000) * 100}`,
    opening_hours: i % 3 === 0 ? '08:30-20:00' : '09:00-18:00',
  }));
  await insert(
    `INSERT INTO business_hall (code, name, district_code, address, phone, opening_hours)
     SELECT r.code, r.name, r.district_code, r.address, r.phone, r.opening_hours
     FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name varchar, district_code char(6), address varchar, phone varchar, opening_hours varchar)
     ON CONFLICT (code) DO NOTHING`,
    halls,
  );

  const seats = DEPARTMENTS.flatMap((d) => d.titles.map((title) => ({ department: d, title })));
  const staff = STAFF_NAMES.map(([name, gender], i) => {
    const { department, title } = seats[i % seats.length];
    const no = String(i + 1).padStart(4, '0');
    return {
      employee_no: `${cityCode}${no}`,
      name,
      gender,
      department_code: department.code,
      title,
      duties: DUTIES[department.code],
      hall_code: department.inHall ? halls[i % halls.length].code : null,
      mobile: `189${cityCode.slice(0, 4)}${no}`,
      email: `e${cityCode}${no}@crm-demo.example.cn`,
    };
  });
  await insert(
    `INSERT INTO staff (employee_no, name, gender, department_code, title, duties, hall_code, mobile, email)
     SELECT r.employee_no, r.name, r.gender, r.department_code, r.title, r.duties, r.hall_code, r.mobile, r.email
     FROM jsonb_to_recordset($1::jsonb) AS r(employee_no varchar, name varchar, gender varchar, department_code varchar, title varchar,
                                             duties varchar, hall_code varchar, mobile varchar, email varchar)
     ON CONFLICT (employee_no) DO NOTHING`,
    staff,
  );

  return { customerLevels: LEVELS.length, serviceDepartments: DEPARTMENTS.length, businessHalls: halls.length, staff: staff.length };
}
