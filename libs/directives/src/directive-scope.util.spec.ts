import { inScope } from './directive-scope.util';

describe('inScope', () => {
  it('takes every node when there is no scope', () => {
    expect(inScope(null, '440000')).toBe(true);
    expect(inScope(undefined, '440100')).toBe(true);
  });

  it('takes the listed nodes, the cities of a listed province, and the province of a listed city', () => {
    expect(inScope(['440000'], '440000')).toBe(true);
    expect(inScope(['440000'], '440300')).toBe(true);
    expect(inScope(['440300'], '440000')).toBe(true); // the province relays to its listed city
    expect(inScope(['440300'], '440300')).toBe(true);
    expect(inScope(['440300'], '440100')).toBe(false);
    expect(inScope(['440000'], '320000')).toBe(false);
    expect(inScope(['440000'], '320500')).toBe(false);
  });
});
