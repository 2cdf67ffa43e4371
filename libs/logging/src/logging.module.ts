import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { safeError } from '@crm/errors';
import { REQUEST_ID_HEADER } from './logging.constants';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Query parameters whose values never go to the logs: ID and phone numbers, their prefixes, free search text. */
const SENSITIVE_KEY = /^(q|.*(number|phone|mobile|idnumber|bankaccount|prefix).*)$/i;

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** The request URL as logged: values of personal-data parameters replaced (keys compared decoded). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      return SENSITIVE_KEY.test(decode(key)) ? `${key}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** Accepts a caller's X-Request-Id (so ids carry across tiers) or makes one; echoes it back. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Structured JSON logs (pino) with the node's identity and a request id on every line. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          base: { node: config.node.code, tier: config.tier },
          genReqId: requestIdFor,
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          redact: { paths: ['req.headers.authorization', 'req.headers["x-node-signature"]', 'req.body.password'], censor: '[redacted]' },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
            err: safeError,
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
