import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /orders?caseId= finds a case's orders by index, not by scanning the inbox. */
export class OrdersByCase1764000000420 implements MigrationInterface {
  name = 'OrdersByCase1764000000420';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX orders_case ON orders (case_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX orders_case');
  }
}
