import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from './permission.constants';
import { hashPassword } from './password.util';
import { User } from './user.entity';

export interface UpsertUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findActiveByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username, active: true } });
  }

  findActiveById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id, active: true } });
  }
}

/** Creates the user or resets its role and password; used by seeds and test factories. */
export async function upsertUser(manager: EntityManager, input: UpsertUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  await manager
    .createQueryBuilder()
    .insert()
    .into(User)
    .values({ username: input.username, displayName: input.displayName, role: input.role, passwordHash, active: true })
    .orUpdate(['display_name', 'role', 'password_hash', 'active', 'updated_at'], ['username'])
    .execute();
  return manager.findOneByOrFail(User, { username: input.username });
}
