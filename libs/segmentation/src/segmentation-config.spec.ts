import { DEFAULT_SEGMENTATION_CONFIG, resolveSegmentationConfig, SegmentationConfigError } from './segmentation.config';

describe('resolveSegmentationConfig', () => {
  it('answers the defaults without overrides', () => {
    expect(resolveSegmentationConfig()).toEqual(DEFAULT_SEGMENTATION_CONFIG);
  });

  it('overlays a subset', () => {
    const cfg = resolveSegmentationConfig({ value: { highFromFen: 500_000 }, cost: { baseCostFen: 0 } });
    expect(cfg.value).toMatchObject({ importantFromFen: 1_000_000, highFromFen: 500_000, lowBelowFen: 60_000 });
    expect(cfg.cost).toEqual({ baseCostFen: 0, perSubscriptionCostFen: 18_000 });
  });

  it('names every problem', () => {
    let error: SegmentationConfigError | undefined;
    try {
      resolveSegmentationConfig({ value: { highFromFen: 2_000_000, colour: 1, windowMonths: 0 }, cost: { baseCostFen: -1 }, batchSize: 'x' });
    } catch (e) {
      error = e as SegmentationConfigError;
    }
    expect(error).toBeInstanceOf(SegmentationConfigError);
    expect(error!.problems).toEqual(expect.arrayContaining([
      'segmentation.value.colour is not a segmentation setting',
      'segmentation.batchSize must be a number',
      'segmentation.value thresholds must be strictly decreasing: importantFromFen > highFromFen > lowBelowFen',
      'segmentation.value.windowMonths must be an integer 1–36',
      'segmentation.cost.baseCostFen must be an integer ≥ 0 (fen)',
    ]));
  });
});
