import { Module } from '@nestjs/common';

/**
 * Cityloop's programs that are not services (token now; import, rebuild and the simulator as they
 * arrive), as one Nest standalone application: `node dist/apps/cli/src/main.js <command> ...`.
 */
@Module({})
export class CliModule {}
