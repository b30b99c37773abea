import type restify from 'restify';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json`, with parameters (a charset) or without; nothing else, not even `+json` types. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Every body this server reads is JSON (Bot Framework activities, signals): anything else is refused
 * with 415 before a byte of it is read, so no multipart or form parser ever runs and an
 * unauthenticated upload never reaches the disk. The connection is closed rather than drained.
 */
export const jsonBodiesOnly: restify.RequestHandler = (req, res, next) => {
  if (!BODY_METHODS.has(req.method ?? '') || isJson(req.headers['content-type'])) return next();
  res.header('Connection', 'close');
  res.send(415, { error: 'unsupported media type' });
  return next(false);
};
