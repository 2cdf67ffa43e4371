import { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer's references to base configuration: status, industry, level, business hall, account manager. */
export class CustomerReferences1764567100000 implements MigrationInterface {
  name = 'CustomerReferences1764567100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer
      ADD CONSTRAINT fk_customer_status FOREIGN KEY (status) REFERENCES customer_status (code),
      ADD CONSTRAINT fk_customer_industry FOREIGN KEY (industry_code) REFERENCES industry (code),
      ADD CONSTRAINT fk_customer_level FOREIGN KEY (level_code) REFERENCES customer_level (code),
      ADD CONSTRAINT fk_customer_hall FOREIGN KEY (hall_code) REFERENCES business_hall (code),
      ADD CONSTRAINT fk_customer_account_manager FOREIGN KEY (account_manager_id) REFERENCES staff (id)`);
    await q.query(`CREATE INDEX ix_customer_hall ON customer (hall_code)`);
    await q.query(`CREATE INDEX ix_customer_account_manager ON customer (account_manager_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_customer_account_manager`);
    await q.query(`DROP INDEX ix_customer_hall`);
    await q.query(`ALTER TABLE customer
      DROP CONSTRAINT fk_customer_status, DROP CONSTRAINT fk_customer_industry, DROP CONSTRAINT fk_customer_level,
      DROP CONSTRAINT fk_customer_hall, DROP CONSTRAINT fk_customer_account_manager`);
  }
}
