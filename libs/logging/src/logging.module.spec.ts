import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('hides personal-data parameters, also when their names are percent-encoded', () => {
    expect(redactUrl('/api/v1/customers?idType=resident_id&idNumber=440106198805123422&page=2')).toBe('/api/v1/customers?idType=resident_id&idNumber=[redacted]&page=2');
    expect(redactUrl('/api/v1/customers?id%4Eumber=440106198805123422')).toBe('/api/v1/customers?id%4Eumber=[redacted]');
    expect(redactUrl('/api/v1/subscriptions?serviceNumberPrefix=1890090&sort=name')).toBe('/api/v1/subscriptions?serviceNumberPrefix=[redacted]&sort=name');
    expect(redactUrl('/api/v1/customers/search?q=%E7%8E%8B&limit=5')).toBe('/api/v1/customers/search?q=[redacted]&limit=5');
    expect(redactUrl('/api/v1/staff?mobile=13800138000')).toBe('/api/v1/staff?mobile=[redacted]');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/v1/customers?districtCode=440106&page=1')).toBe('/api/v1/customers?districtCode=440106&page=1');
    expect(redactUrl('/health')).toBe('/health');
  });
});
