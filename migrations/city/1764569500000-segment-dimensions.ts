import { MigrationInterface, QueryRunner } from 'typeorm';

/** Segmentation of individuals by geography, demographics, behaviour and of units by industry, size, spend (DOMAIN.md §3 item 10). */
export class SegmentDimensions1764569500000 implements MigrationInterface {
  name = 'SegmentDimensions1764569500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_segment DROP CONSTRAINT customer_segment_dimension_check`);
    await q.query(`ALTER TABLE customer_segment ADD CONSTRAINT customer_segment_dimension_check
      CHECK (dimension IN ('attribute', 'relationship', 'value', 'credit', 'satisfaction', 'loyalty', 'geography', 'demographic', 'behaviour', 'industry', 'size', 'spend'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM customer_segment WHERE dimension IN ('geography', 'demographic', 'behaviour', 'industry', 'size', 'spend')`);
    await q.query(`ALTER TABLE customer_segment DROP CONSTRAINT customer_segment_dimension_check`);
    await q.query(`ALTER TABLE customer_segment ADD CONSTRAINT customer_segment_dimension_check
      CHECK (dimension IN ('attribute', 'relationship', 'value', 'credit', 'satisfaction', 'loyalty'))`);
  }
}
