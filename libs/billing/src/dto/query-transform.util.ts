import { Transform } from 'class-transformer';

/** Query-string booleans: `true` / `false` (anything else stays as it is and fails @IsBoolean). */
export const BooleanQuery = (): PropertyDecorator => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
