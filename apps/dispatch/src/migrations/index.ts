import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';

export const dispatchMigrations = (schema: string): MigrationClass[] => [eventStoreMigration(schema)];
