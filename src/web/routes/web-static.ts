import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Services } from '../../services/services.ts';
import { ASSET_VERSION, STATIC_ROOT } from '../../web/assets.ts';

/**
 * The stylesheet and script. Pages link them as `/static/app.css?v=<content hash>`: that
 * URL never changes content, so it is cached for a year; a bare URL for an hour.
 */
export async function registerWebStatic(app: FastifyInstance, _services: Services): Promise<void> {
  await app.register(fastifyStatic, {
    root: STATIC_ROOT,
    prefix: '/static/',
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders(reply: FastifyReply) {
      const pinned = reply.request.url.includes(`v=${ASSET_VERSION}`);
      reply.header('cache-control', pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
