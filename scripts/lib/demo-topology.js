'use strict';
/** The demo federation: HQ, two provinces, four cities, on fixed ports. */
module.exports = [
  { code: '000000', name: '总部', tier: 'hq', port: 3000, service: 'hq' },
  { code: '440000', name: '广东', tier: 'province', parent: '000000', port: 3100, service: 'gd' },
  { code: '440100', name: '广州', tier: 'city', parent: '440000', port: 3101, service: 'gz' },
  { code: '440300', name: '深圳', tier: 'city', parent: '440000', port: 3102, service: 'sz' },
  { code: '320000', name: '江苏', tier: 'province', parent: '000000', port: 3200, service: 'js' },
  { code: '320100', name: '南京', tier: 'city', parent: '320000', port: 3201, service: 'nj' },
  { code: '320500', name: '苏州', tier: 'city', parent: '320000', port: 3202, service: 'su' },
];
