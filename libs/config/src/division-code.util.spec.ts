import { HQ_CODE, isWithinDivision, provinceCodeOf, tierOfDivisionCode } from './division-code.util';

describe('tierOfDivisionCode', () => {
  it('recognises the HQ code', () => {
    expect(HQ_CODE).toBe('000000');
    expect(tierOfDivisionCode('000000')).toBe('hq');
  });

  it.each(['110000', '440000', '650000', '820000'])('recognises province code %s', (code) => {
    expect(tierOfDivisionCode(code)).toBe('province');
  });

  it.each(['440100', '440300', '110100', '320500', '341000', '371000'])('recognises city code %s', (code) => {
    expect(tierOfDivisionCode(code)).toBe('city');
  });

  it.each([
    ['440106', 'a county/district code'],
    ['990000', 'an unknown province prefix'],
    ['100000', 'prefix 10 (not a province)'],
    ['000100', 'a non-HQ code under prefix 00'],
    ['44010', 'five digits'],
    ['4401000', 'seven digits'],
    ['44O100', 'a letter inside'],
    [' 440100', 'leading whitespace'],
    ['', 'the empty string'],
  ])('rejects %s (%s)', (code) => {
    expect(tierOfDivisionCode(code)).toBeUndefined();
  });
});

describe('provinceCodeOf', () => {
  it('maps a city to its province', () => {
    expect(provinceCodeOf('440100')).toBe('440000');
    expect(provinceCodeOf('320500')).toBe('320000');
  });

  it('maps a province to itself', () => {
    expect(provinceCodeOf('440000')).toBe('440000');
  });
});

describe('isWithinDivision', () => {
  it('puts every province and city inside HQ', () => {
    expect(isWithinDivision('440000', HQ_CODE)).toBe(true);
    expect(isWithinDivision('440100', HQ_CODE)).toBe(true);
  });

  it('does not put HQ inside itself, nor invalid codes inside HQ', () => {
    expect(isWithinDivision(HQ_CODE, HQ_CODE)).toBe(false);
    expect(isWithinDivision('990100', HQ_CODE)).toBe(false);
    expect(isWithinDivision('abc', HQ_CODE)).toBe(false);
  });

  it('puts a city inside its own province', () => {
    expect(isWithinDivision('440100', '440000')).toBe(true);
    expect(isWithinDivision('440300', '440000')).toBe(true);
  });

  it('does not put a province inside itself', () => {
    expect(isWithinDivision('440000', '440000')).toBe(false);
  });

  it('does not put a city inside another province', () => {
    expect(isWithinDivision('320500', '440000')).toBe(false);
  });

  it('does not put anything inside a city or an invalid ancestor', () => {
    expect(isWithinDivision('440106', '440100')).toBe(false);
    expect(isWithinDivision('440100', '440100')).toBe(false);
    expect(isWithinDivision('440100', '990000')).toBe(false);
    expect(isWithinDivision('440100', 'xx')).toBe(false);
  });

  it('does not put HQ or an upper division inside a province', () => {
    expect(isWithinDivision(HQ_CODE, '440000')).toBe(false);
  });
});
