// Worker threads do not inherit tsx's loader: register it, then load the TypeScript thread body.
require('tsx/cjs');
require('./cloud-thread.ts');
