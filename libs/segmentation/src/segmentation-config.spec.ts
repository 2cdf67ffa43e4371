import { Test } from '@nestjs/testing';
import { NODE_CONFIG, NodeConfig, SettingsError } from '@crm/config';
import { DEFAULT_SEGMENTATION_CONFIG, resolveSegmentationConfig, SEGMENTATION_CONFIG, SegmentationConfig } from './segmentation.config';
import { segmentationConfigProvider } from './segmentation.module';

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
    let error: SettingsError | undefined;
    try {
      resolveSegmentationConfig({ value: { highFromFen: 2_000_000, colour: 1, windowMonths: 0 }, cost: { baseCostFen: -1 }, batchSize: 'x' });
    } catch (e) {
      error = e as SettingsError;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect(error!.problems).toEqual(expect.arrayContaining([
      'segmentation.value.colour is not a setting',
      'segmentation.batchSize must be a number',
      'segmentation.value thresholds must be strictly decreasing: importantFromFen > highFromFen > lowBelowFen',
      'segmentation.value.windowMonths must be an integer 1–36',
      'segmentation.cost.baseCostFen must be an integer ≥ 0 (fen)',
    ]));
  });
});

describe('segmentationConfigProvider', () => {
  const compile = (segmentation: Record<string, unknown>) =>
    Test.createTestingModule({
      providers: [{ provide: NODE_CONFIG, useValue: { settings: { segmentation } } as unknown as NodeConfig }, segmentationConfigProvider],
    }).compile();

  it('applies the node’s CRM_SEGMENTATION_CONFIG overrides', async () => {
    const moduleRef = await compile({ value: { lowBelowFen: 50_000 } });
    expect(moduleRef.get<SegmentationConfig>(SEGMENTATION_CONFIG).value.lowBelowFen).toBe(50_000);
  });

  it('refuses to start with invalid overrides', async () => {
    await expect(compile({ value: { lowBelowFen: 5_000_000 } })).rejects.toThrow(/CRM_SEGMENTATION_CONFIG[\s\S]*strictly decreasing/);
  });
});
