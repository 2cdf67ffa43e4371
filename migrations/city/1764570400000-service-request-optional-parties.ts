import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service requests without an identified customer (e.g. a network fault raised by a system through
 * the TMF621 facade) and without a receiving staff member (received by a system: no owner until a
 * hand-over or an assignment): customer_id, received_by_staff_id and owner_staff_id become nullable.
 *
 * `down` refuses (with the number of rows) while such requests exist instead of backfilling: there is
 * no truthful customer or staff member to invent for them, and deleting them would lose tickets. Give
 * them a customer / owner (or delete them) by hand first, then revert.
 */
export class ServiceRequestOptionalParties1764570400000 implements MigrationInterface {
  name = 'ServiceRequestOptionalParties1764570400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_request ALTER COLUMN customer_id DROP NOT NULL`);
    await q.query(`ALTER TABLE service_request ALTER COLUMN received_by_staff_id DROP NOT NULL`);
    await q.query(`ALTER TABLE service_request ALTER COLUMN owner_staff_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [row] = await q.query(
      `SELECT count(*) FILTER (WHERE customer_id IS NULL)::int AS customers, count(*) FILTER (WHERE received_by_staff_id IS NULL)::int AS receivers,
              count(*) FILTER (WHERE owner_staff_id IS NULL)::int AS owners
       FROM service_request WHERE customer_id IS NULL OR received_by_staff_id IS NULL OR owner_staff_id IS NULL`,
    );
    if (row.customers || row.receivers || row.owners) {
      throw new Error(
        `Cannot revert ServiceRequestOptionalParties1764570400000: service_request has ${row.customers} row(s) without customer_id, ` +
          `${row.receivers} without received_by_staff_id and ${row.owners} without owner_staff_id. ` +
          'Set a customer / receiver / owner on them (or delete them) first; nothing is invented by the revert.',
      );
    }
    await q.query(`ALTER TABLE service_request ALTER COLUMN owner_staff_id SET NOT NULL`);
    await q.query(`ALTER TABLE service_request ALTER COLUMN received_by_staff_id SET NOT NULL`);
    await q.query(`ALTER TABLE service_request ALTER COLUMN customer_id SET NOT NULL`);
  }
}
