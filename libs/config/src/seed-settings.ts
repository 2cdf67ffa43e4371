import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
import { ConfigurationError } from './load-node-config';

class SeedVariables {
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'CRM_DEMO_PASSWORD must be at least 8 characters' })
  CRM_DEMO_PASSWORD = 'crm-demo-2026';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'CRM_DEMO_CUSTOMERS must be an integer' })
  @Min(0)
  @Max(5_000_000)
  CRM_DEMO_CUSTOMERS = 3000;
}

export interface SeedSettings {
  password: string;
  customers: number;
}

/** Settings of the demo seed (`cli seed`), validated like the node's own. */
export function loadSeedSettings(env: Record<string, string | undefined>): SeedSettings {
  const vars = plainToInstance(SeedVariables, env, { exposeDefaultValues: true });
  const errors = validateSync(vars);
  if (errors.length) throw new ConfigurationError(errors.flatMap((e) => Object.values(e.constraints ?? {})));
  return { password: vars.CRM_DEMO_PASSWORD, customers: vars.CRM_DEMO_CUSTOMERS };
}
