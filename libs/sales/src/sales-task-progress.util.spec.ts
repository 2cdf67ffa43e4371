import { rollUpProgress } from './sales-task-progress.util';

describe('sales task progress roll-up', () => {
  it('leaves count their own orders; parents sum their children, not their own', () => {
    const p = rollUpProgress([
      { id: 'city', parentId: null, targetValue: 100, own: 999 },
      { id: 'teamA', parentId: 'city', targetValue: 60, own: 500 },
      { id: 'teamB', parentId: 'city', targetValue: 40, own: 7 },
      { id: 'alice', parentId: 'teamA', targetValue: 30, own: 12 },
      { id: 'bob', parentId: 'teamA', targetValue: 30, own: 18 },
    ]);
    expect(p.get('alice')).toMatchObject({ achieved: 12, percent: 40 });
    expect(p.get('teamA')).toMatchObject({ achieved: 30, percent: 50, children: ['alice', 'bob'] });
    expect(p.get('teamB')).toMatchObject({ achieved: 7, percent: 17.5, children: [] });
    expect(p.get('city')).toMatchObject({ achieved: 37, percent: 37, children: ['teamA', 'teamB'] });
  });

  it('a zero target has no percent; a parent outside the set makes a root', () => {
    const p = rollUpProgress([{ id: 'x', parentId: 'elsewhere', targetValue: 0, own: 3 }]);
    expect(p.get('x')).toMatchObject({ achieved: 3, percent: null });
  });

  it('a cycle is reported, not looped', () => {
    expect(() => rollUpProgress([{ id: 'a', parentId: 'b', targetValue: 1, own: 0 }, { id: 'b', parentId: 'a', targetValue: 1, own: 0 }])).toThrow(/cycle/);
  });
});
