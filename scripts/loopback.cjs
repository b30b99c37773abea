'use strict';
// Preload (`node -r ./scripts/loopback.cjs …`) that makes every TCP server in the process listen
// on 127.0.0.1 only. The Agents Playground calls `server.listen(port, cb)` (all interfaces) and has
// no host option; this keeps it off the network. Unix sockets / pipes and handles are untouched.
const net = require('node:net');
const http = require('node:http');

const HOST = process.env.LOOPBACK_HOST || '127.0.0.1';

/** Rewrites listen() arguments so that a TCP listen gets host HOST. */
function forceHost(args) {
  const first = args[0];
  if (first !== null && typeof first === 'object') {
    // listen(options[, cb]) — only TCP options (port given, no path/handle/fd)
    if (first.path !== undefined || first.handle !== undefined || first._handle !== undefined || first.fd !== undefined) {
      return args;
    }
    return [{ ...first, host: HOST }, ...args.slice(1)];
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return args; // pipe / unix socket path
  if (first === undefined || typeof first === 'function') return [0, HOST, ...args]; // listen([cb])
  // listen(port[, host][, backlog][, cb])
  const rest = args.slice(1);
  if (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null) {
    if (rest.length > 0) rest.shift(); // drop the caller's host (or explicit undefined/null)
  }
  return [first, HOST, ...rest];
}

for (const proto of [net.Server.prototype, http.Server.prototype]) {
  if (!Object.prototype.hasOwnProperty.call(proto, 'listen')) continue;
  const original = proto.listen;
  proto.listen = function listenOnLoopback(...args) {
    return original.apply(this, forceHost(args));
  };
}

module.exports = { forceHost };
