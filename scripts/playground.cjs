'use strict';
// `npm run playground [-- --open] [-- --as <user>] [-- --port N]`
// Runs the Microsoft 365 Agents Playground (local Teams client) against the local bot, bound to
// 127.0.0.1 only (scripts/loopback.cjs), with the mock tenant in .m365agentsplayground.yml.
//   --open        open the system browser (default: just print the URL)
//   --as <user>   chat as another user of the yml (aadObjectId, channel id or display name):
//                 that user is swapped with currentUser in a generated copy of the config
//   --port N      playground port (default: PLAYGROUND_PORT or 56150)
// Bot endpoint: BOT_ENDPOINT, else http://127.0.0.1:${PORT || 3978}/api/messages.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const WORK_DIR = path.join(ROOT, '.m365agentsplayground'); // git-ignored: logs, generated configs
const LOOPBACK = path.join(__dirname, 'loopback.cjs');
const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const USER_FIELDS = ['id', 'name', 'userPrincipleName', 'aadObjectId', 'givenName', 'surname', 'email'];

/**
 * Reads the users of a playground config written in the simple block style of
 * .m365agentsplayground.yml (no YAML library needed). Returns currentUser and users with the
 * line index of each field, so that they can be swapped in place.
 */
function readPlaygroundUsers(text) {
  const lines = text.split('\n');
  const blocks = [];
  let section = '';
  let current = null;
  lines.forEach((line, index) => {
    const top = /^([A-Za-z]\w*):/.exec(line);
    if (top) {
      section = top[1];
      current = section === 'currentUser' ? { fields: {}, lines: {}, current: true } : null;
      if (current) blocks.push(current);
      return;
    }
    if (section === 'users' && /^ {2}- /.test(line)) {
      current = { fields: {}, lines: {}, current: false };
      blocks.push(current);
    }
    const field = /^(\s+(?:- )?)(\w+):\s*(.*?)\s*$/.exec(line);
    if (current && field && USER_FIELDS.includes(field[2])) {
      current.fields[field[2]] = field[3].replace(/^(['"])(.*)\1$/, '$2');
      current.lines[field[2]] = index;
    }
  });
  return { lines, currentUser: blocks.find((b) => b.current), users: blocks.filter((b) => !b.current) };
}

/** Returns the config text with `who` (aadObjectId, id or name) made the current user. */
function swapCurrentUser(text, who) {
  const { lines, currentUser, users } = readPlaygroundUsers(text);
  const target = users.find((u) => [u.fields.aadObjectId, u.fields.id, u.fields.name].includes(who));
  if (!currentUser) throw new Error('No currentUser in the playground config.');
  if (!target) {
    if ([currentUser.fields.aadObjectId, currentUser.fields.id, currentUser.fields.name].includes(who)) return text;
    const known = users.map((u) => `${u.fields.name} (${u.fields.aadObjectId})`).join(', ');
    throw new Error(`--as ${who}: no such user in ${path.basename(CONFIG)}. Known: ${known}`);
  }
  const out = [...lines];
  const setField = (block, key, value) => {
    const i = block.lines[key];
    out[i] = out[i].replace(/^(\s+(?:- )?\w+:).*$/, `$1 ${JSON.stringify(value)}`);
  };
  for (const key of USER_FIELDS) {
    setField(currentUser, key, target.fields[key]);
    setField(target, key, currentUser.fields[key]);
  }
  // Each user has their own 1:1 chat in Teams: give the swapped-in user a distinct chat id.
  const chat = out.findIndex((l) => /^personalChat:/.test(l));
  const idLine = chat + 1;
  if (chat >= 0 && /^\s+id:/.test(out[idLine])) {
    const suffix = target.fields.id.replace(/^\d+:/, '');
    out[idLine] = out[idLine].replace(/^(\s+id:)\s*(.*?)\s*$/, (_m, k, v) => `${k} ${JSON.stringify(`${v.replace(/^['"]|['"]$/g, '')}-${suffix}`)}`);
  }
  return out.join('\n');
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function parseArgs(argv) {
  const args = { open: false, as: undefined, port: Number(process.env.PLAYGROUND_PORT || 56150) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--open') args.open = true;
    else if (a === '--as') args.as = argv[++i];
    else if (a.startsWith('--as=')) args.as = a.slice(5);
    else if (a === '--port') args.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) args.port = Number(a.slice(7));
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`Unknown argument ${a} (expected --open, --as <user>, --port <n>)`);
  }
  if (!Number.isInteger(args.port) || args.port <= 0 || args.port > 65535) throw new Error('--port must be 1..65535');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 9).join('\n').replace(/^\/\/ ?/gm, ''));
    return;
  }
  const endpoint = process.env.BOT_ENDPOINT || `http://127.0.0.1:${process.env.PORT || 3978}/api/messages`;
  if (!(await portIsFree(args.port))) {
    throw new Error(`Port ${args.port} on 127.0.0.1 is in use (another playground?). Use --port N or PLAYGROUND_PORT.`);
  }
  fs.mkdirSync(WORK_DIR, { recursive: true });
  let configPath = CONFIG;
  if (args.as) {
    configPath = path.join(WORK_DIR, 'as-user.yml');
    fs.writeFileSync(configPath, swapCurrentUser(fs.readFileSync(CONFIG, 'utf8'), args.as));
  }
  const env = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(WORK_DIR, 'playground.log'),
  };
  if (!args.open) env.TEAMSAPPTESTER_BROWSER = 'none';
  else if (env.TEAMSAPPTESTER_BROWSER === 'none') delete env.TEAMSAPPTESTER_BROWSER;
  const cliArgs = ['-r', LOOPBACK, CLI, '-e', endpoint, '-c', 'msteams', '-p', String(args.port),
    '--service-url', `http://127.0.0.1:${args.port}/_connector`, '--disable-telemetry'];
  const child = spawn(process.execPath, cliArgs, { cwd: ROOT, env, stdio: 'inherit' });
  const url = `http://127.0.0.1:${args.port}`;
  const who = readPlaygroundUsers(fs.readFileSync(configPath, 'utf8')).currentUser;
  console.log(`Agents Playground → ${url}  (bot endpoint ${endpoint}; you are ${who ? who.fields.name : '?'}; Ctrl+C stops)`);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

module.exports = { readPlaygroundUsers, swapCurrentUser };
