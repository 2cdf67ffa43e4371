import { User } from './user.entity';

export const AuthEntities = [User];
