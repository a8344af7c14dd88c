import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';

export const disposalMigrations = (schema: string): MigrationClass[] => [eventStoreMigration(schema)];
