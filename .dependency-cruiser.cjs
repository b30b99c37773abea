// Architecture rules for src/ (issue 7). `npm run lint:deps` checks them, `npm run lint` runs it
// with knip, `.ci/run` fails on any violation, and test/architecture.test.ts proves they bite.
// Every rule is an error: a warning nobody reads is not a rule.

/** npm packages that do I/O or tie code to a vendor SDK: none of them belongs in pure rules. */
const SDK_OR_IO_PACKAGES =
  '^node_modules/(botbuilder[^/]*|botframework-[^/]*|@microsoft/[^/]+|@azure/[^/]+|@opentelemetry/[^/]+|pg|pg-boss|@electric-sql/[^/]+|restify|pino)/';
/** Node built-ins that reach the disk, the network or other processes (resolved names drop "node:"). */
const IO_BUILTINS = '^(fs|net|http|https|http2|tls|dgram|dns|child_process|cluster)(/promises)?$';
/** The Bot Framework / Teams AI SDKs, confined to src/teams so a move to the Teams SDK v2 touches one folder. */
const BOT_SDKS = '^node_modules/(botbuilder[^/]*|botframework-[^/]*|@microsoft/teams-ai)/';
/** Entry points: nothing imports them, and that is fine. */
const ENTRY_POINTS = ['^src/main\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain holds pure rules tested with plain values and a fake clock: it may not reach an SDK, ' +
        'a database, the network, the file system or the logger. Pass values in; let a feature or adapter do the I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      // Inside src only other domain files: store, http, graph, teams, delivery, jobs, features,
      // cards, feeds, log, telemetry and config all lead to I/O or to a layer above the rules.
      to: { path: [SDK_OR_IO_PACKAGES, IO_BUILTINS, '^src/(?!domain/)'] },
    },
    {
      name: 'bot-sdks-only-in-teams',
      comment:
        'Only src/teams may import botbuilder, botframework-* or @microsoft/teams-ai (both are in maintenance; ' +
        'keeping them in one folder keeps the migration to one folder). Elsewhere, depend on a neutral interface.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/teams/' },
      to: { path: BOT_SDKS },
    },
    {
      name: 'features-talk-through-index',
      comment:
        'A feature may use another feature only through that feature\'s declared public file, ' +
        'src/features/<name>/index.ts; everything else in a feature folder is private to it.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/[^/]+/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'features-only-through-index',
      comment:
        'Outside the feature folders (the composition root, src/features/feature.ts, bench/), a feature is ' +
        'used only through its index.ts: what it adds to the bot and the ports it offers. Tests may reach further.',
      severity: 'error',
      from: { path: '^(src|bench)/', pathNot: '^src/features/[^/]+/' },
      to: { path: '^src/features/[^/]+/', pathNot: '^src/features/[^/]+/index\\.ts$' },
    },
    {
      name: 'core-does-not-import-features',
      comment:
        'Core folders (cards, delivery, store, jobs, teams, http, graph, feeds, log, telemetry, audit, domain) and config never ' +
        'import a feature: features plug into the core, and only the composition root (src/main.ts, ' +
        'src/wiring.ts) knows every part. Hand the core what it needs from a feature through wiring.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/features/', '^src/main\\.ts$', '^src/wiring\\.ts$'] },
      to: { path: '^src/features/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles, type-only imports included (they still couple the files and hide a layering ' +
        'mistake). Move the shared part into a third module both can import.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment:
        'A file in src that neither imports nor is imported by anything is dead (or a missing import). ' +
        'Delete it, or declare it an entry point here.',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: [...ENTRY_POINTS, '\\.d\\.ts$'] },
      to: {},
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'src runs in production, where devDependencies are not installed: move the package to ' +
        '"dependencies", or keep the code that needs it in test/, bench/ or scripts/.',
      severity: 'error',
      from: { path: '^src/' },
      // Type-only imports count too: the swc parser does not tell them apart.
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-non-package-json',
      comment:
        'src imports only packages named in package.json; a package that is merely installed as someone ' +
        'else\'s dependency can disappear or change version under us.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve to a file or an installed package is a typo or a missing dependency.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The console tab (src/console) is browser TSX with its own tsconfig, which the swc parser here does
    // not read; test/console/console-imports.test.ts holds its rule: nothing of the server, no Node built-in.
    exclude: { path: '^src/console/' },
    // TypeScript 7 has no JavaScript compiler API any more, so dependency-cruiser parses .ts with swc.
    // swc keeps every import, type-only ones included: the same picture as tsPreCompilationDeps.
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
