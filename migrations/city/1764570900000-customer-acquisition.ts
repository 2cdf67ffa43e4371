import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 發展渠道: the channel a customer was acquired through (issue 7, customer development by channel).
 * The acquiring business hall is the existing `hall_code` (受理營業廳, FK business_hall).
 */
export class CustomerAcquisition1764570900000 implements MigrationInterface {
  name = 'CustomerAcquisition1764570900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer
      ADD COLUMN acquisition_channel varchar(16) CONSTRAINT customer_acquisition_channel_check
        CHECK (acquisition_channel IN ('business_hall', 'call_centre', 'account_manager', 'agent', 'online', 'hotline', 'other'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer DROP COLUMN acquisition_channel`);
  }
}
