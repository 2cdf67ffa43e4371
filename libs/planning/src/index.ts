export * from './plan.constants';
export * from './plan-lifecycle.util';
export * from './plan-history.util';
export * from './dto/plan-transition.dto';
