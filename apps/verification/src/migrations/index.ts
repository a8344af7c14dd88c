import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';

export const verificationMigrations = (schema: string): MigrationClass[] => [eventStoreMigration(schema)];
