import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff contact records become modifiable (PATCH with optimistic locking): a version column like every other base-config table. */
export class StaffContactRecordVersion1764568100000 implements MigrationInterface {
  name = 'StaffContactRecordVersion1764568100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_contact_record ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_contact_record DROP COLUMN version`);
  }
}
