/**
 * County-level divisions (GB/T 2260) of the cities the demo knows, for seeding `district`.
 * Simplified-Chinese names as published by the Ministry of Civil Affairs.
 */
export const CITY_DISTRICTS: Record<string, [code: string, name: string][]> = {
  // 广州市
  '440100': [
    ['440103', '荔湾区'],
    ['440104', '越秀区'],
    ['440105', '海珠区'],
    ['440106', '天河区'],
    ['440111', '白云区'],
    ['440112', '黄埔区'],
    ['440113', '番禺区'],
    ['440114', '花都区'],
    ['440115', '南沙区'],
    ['440117', '从化区'],
    ['440118', '增城区'],
  ],
  // 深圳市
  '440300': [
    ['440303', '罗湖区'],
    ['440304', '福田区'],
    ['440305', '南山区'],
    ['440306', '宝安区'],
    ['440307', '龙岗区'],
    ['440308', '盐田区'],
    ['440309', '龙华区'],
    ['440310', '坪山区'],
    ['440311', '光明区'],
  ],
  // 南京市
  '320100': [
    ['320102', '玄武区'],
    ['320104', '秦淮区'],
    ['320105', '建邺区'],
    ['320106', '鼓楼区'],
    ['320111', '浦口区'],
    ['320113', '栖霞区'],
    ['320114', '雨花台区'],
    ['320115', '江宁区'],
    ['320116', '六合区'],
    ['320117', '溧水区'],
    ['320118', '高淳区'],
  ],
  // 苏州市
  '320500': [
    ['320505', '虎丘区'],
    ['320506', '吴中区'],
    ['320507', '相城区'],
    ['320508', '姑苏区'],
    ['320509', '吴江区'],
    ['320581', '常熟市'],
    ['320582', '张家港市'],
    ['320583', '昆山市'],
    ['320585', '太仓市'],
  ],
};

/** Prefecture-level city names, for company names in the demo data. */
export const CITY_NAMES: Record<string, string> = {
  '440100': '广州市',
  '440300': '深圳市',
  '320100': '南京市',
  '320500': '苏州市',
};

/** Long-distance area codes (长途区号) for fixed-line numbers. */
export const CITY_AREA_CODES: Record<string, string> = {
  '440100': '020',
  '440300': '0755',
  '320100': '025',
  '320500': '0512',
};

/** The districts of a city; an unknown city gets six generic districts `<prefix>01`…`<prefix>06` named 第N区. */
export function districtsFor(cityCode: string): [code: string, name: string][] {
  const known = CITY_DISTRICTS[cityCode];
  if (known) return known.map(([code, name]): [string, string] => [code, name]);
  const prefix = cityCode.slice(0, 4);
  return Array.from({ length: 6 }, (_, i): [string, string] => [`${prefix}${String(i + 1).padStart(2, '0')}`, `第${i + 1}区`]);
}

export const cityNameFor = (cityCode: string): string => CITY_NAMES[cityCode] ?? '';
export const areaCodeFor = (cityCode: string): string => CITY_AREA_CODES[cityCode] ?? '0000';
