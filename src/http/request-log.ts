import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { clientRequestId } from './server-limits.ts';

/**
 * Logs: pino (Fastify's own). One line per answered request — method, route pattern, URL
 * (tokens masked), status, milliseconds, request id (`reqId`) — instead of Fastify's two
 * ("incoming request" + "request completed"). JSON lines by default; pretty, coloured lines when stdout is a terminal and
 * pino-pretty is installed (LOG_FORMAT=json|pretty overrides).
 */

export type LogFormat = 'auto' | 'json' | 'pretty';

/** Hides secrets (manage tokens in query strings) from logged URLs. */
export function redactUrlForLog(url: string): string {
  return url.replace(/([?&](?:token|manageToken)=)[^&]*/gi, '$1***');
}

export function wantsPretty(format: LogFormat, isTty = process.stdout.isTTY === true): boolean {
  return format === 'pretty' || (format === 'auto' && isTty);
}

/** pino-pretty as an in-process stream (no worker thread), or undefined when it is not installed. */
async function prettyStream(): Promise<NodeJS.WritableStream | undefined> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({
      colorize: process.stdout.isTTY === true,
      translateTime: 'HH:MM:ss.l',
      // the request line's fields are in its message already: keep it one line
      ignore: 'pid,hostname,reqId,method,route,url,status,ms,clientRequestId',
      messageFormat: '{msg}{if reqId} [{reqId}]{end}',
      sync: true,
    });
  } catch {
    return undefined;
  }
}

export interface LogSettings {
  level: string;
  format: LogFormat;
}

/** Fastify `logger` options: false silences (tests); an object is merged over the defaults. */
export async function loggerOptions(settings: LogSettings, override: boolean | Record<string, unknown> | undefined) {
  if (override === false) return false;
  const stream = wantsPretty(settings.format) ? await prettyStream() : undefined;
  return {
    level: settings.level,
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      'headers.authorization',
      'headers.cookie',
    ],
    serializers: {
      req: (req: { method: string; url: string; id: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: redactUrlForLog(req.url),
        id: req.id,
        ...clientRequestId(req.headers?.['x-request-id']),
      }),
    },
    ...(stream ? { stream } : {}),
    ...(typeof override === 'object' ? override : {}),
  };
}

/**
 * Fastify's request log lines, replaced: nothing when a request comes in, ONE line when its
 * answer has been sent (errors 5xx at error level, with the error), 4xx problems not again.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const url = redactUrlForLog(request.url);
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const route = request.routeOptions.url ?? 'unmatched';
    const line = {
      method: request.method,
      route,
      url,
      status,
      ms,
      ...clientRequestId(request.headers['x-request-id']),
    };
    const msg = `${request.method} ${url} ${status} ${ms} ms`;
    if (error) request.log.error({ ...line, err: error }, msg);
    else if (status >= 500) request.log.error(line, msg);
    else request.log.info(line, msg);
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) super.defaultErrorLog(error, request, reply);
  }
}
