import { correlationContext } from '@cityloop/messaging';
import { RequestMethod, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { answerBodyParserError, HttpErrorFilter, type ProtocolMount } from './http-error.filter';
import { JsonLogger } from './json-logger';
import { ConfigError, loadConfig, type ServiceConfig } from './service-config';
import { refuseUnfitBodies } from './body-limits';
import { ServiceMetrics } from './service-metrics';
import { validationPipe } from './validation.pipe';
import { webGateway } from './web-gateway';

export interface ServiceDescription {
  title: string;
  description: string;
  /** A folder of static files served at / without sign-in (the command centre's web page). */
  webRoot?: string;
  /** Services whose /api/v1 routes the web page reaches through /gateway/{service}/ (web-gateway.ts). */
  gatewayTo?: ServiceConfig['service'][];
  /** Protocols served outside /api/v1 under prefixes of their own (intake's Open311 GeoReport v2). */
  protocols?: ProtocolMount[];
}

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Builds a service's Nest application with the edge every Cityloop service shares. */
export async function createServiceApp(
  module: DynamicModule,
  config: ServiceConfig,
  about: ServiceDescription,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new JsonLogger(config.service, config.logLevel),
    bodyParser: false,
  });
  if (about.webRoot) app.useStaticAssets(about.webRoot, { index: 'index.html', maxAge: 0 });
  // Before the body parsers: the gateway streams bodies through as they come.
  if (about.gatewayTo?.length)
    app.use(webGateway(Object.fromEntries(about.gatewayTo.map((peer) => [peer, config.peerUrls[peer]]))));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.use(answerBodyParserError(about.protocols));
  app.use(refuseUnfitBodies(about.protocols));

  const metrics = app.get(ServiceMetrics);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.header(CORRELATION_HEADER);
    const correlationId = given && SAFE_ID.test(given) ? given : randomUUID();
    res.setHeader(CORRELATION_HEADER, correlationId);
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ route, status: String(res.statusCode) });
    });
    correlationContext.run({ correlationId }, next);
  });

  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      ...(about.protocols ?? []).map((mount) => ({
        path: `${mount.prefix}/{*rest}`,
        method: RequestMethod.ALL,
      })),
    ],
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(about.title)
      .setDescription(about.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

/** A service's main: configuration checked first (every problem listed), then serve until a signal. */
export async function runService(
  service: ServiceConfig['service'],
  moduleFor: (config: ServiceConfig) => DynamicModule,
  about: ServiceDescription,
): Promise<void> {
  let config: ServiceConfig;
  let module: DynamicModule;
  try {
    config = loadConfig(service);
    // A module may read settings of its own (e.g. disposal's webhooks): their problems exit alike.
    module = moduleFor(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`cityloop-${service}: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const app = await createServiceApp(module, config, about);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  const logger = new JsonLogger(service, config.logLevel);
  if (config.jwtSecretIsDevelopmentDefault) {
    logger.warn(
      'JWT_SECRET is not set: using the public development secret; never do this in production',
      'Bootstrap',
    );
  }
  logger.log(`listening on port ${config.port}`, 'Bootstrap');
}
