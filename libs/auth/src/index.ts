export * from './auth.constants';
export * from './auth.decorators';
export * from './auth.module';
export * from './authenticated-user.types';
export * from './password.util';
export * from './permission.constants';
export * from './user.entity';
export { upsertUser, UpsertUserInput } from './user.repository';
export * from './auth.entities';
