/**
 * B-H: a bare Nest application on the same HTTP adapter as the services (Express), with one POST
 * that answers 201 with an id: what the framework and the socket cost, with no work behind it.
 *   node dist/test/bench/measure/bare-http-app.js <port>
 */
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';

@Controller('api/v1')
class BareController {
  @Post('reports')
  @HttpCode(201)
  report(@Body() body: unknown): { caseId: string; received: boolean } {
    return { caseId: randomUUID(), received: body !== undefined };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.argv[2] ?? 3999), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
