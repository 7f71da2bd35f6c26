/**
 * Layer rules (ARCHITECTURE.md): transport → domain → storage ports. SQL only in storage backends,
 * the NATS client only in fanout, the web app and SDK never reach into the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-to-transport',
      comment: 'Domain actions do not know HTTP or sockets.',
      severity: 'error',
      from: { path: '^packages/server/src/domain' },
      to: { path: '^packages/server/src/(http|gateway)/' },
    },
    {
      name: 'domain-only-storage-ports',
      comment: 'Domain code talks to storage through storage/store.ts only, never a backend.',
      severity: 'error',
      from: { path: '^packages/server/src/domain' },
      to: { path: '^packages/server/src/storage/(sqlite|postgres)/' },
    },
    {
      name: 'transport-not-to-backends',
      comment: 'Routes and socket ops call domain actions; they never touch a storage backend.',
      severity: 'error',
      from: { path: '^packages/server/src/(http|gateway)/' },
      to: { path: '^packages/server/src/storage/(sqlite|postgres)/' },
    },
    {
      name: 'sql-drivers-only-in-backends',
      comment: 'SQL lives only in the storage backends.',
      severity: 'error',
      from: { path: '^packages/server/src', pathNot: '^packages/server/src/storage/(sqlite|postgres)/' },
      to: { path: 'node_modules/(better-sqlite3|pg)/' },
    },
    {
      name: 'nats-only-in-fanout',
      severity: 'error',
      from: { path: '^packages/server/src', pathNot: '^packages/server/src/fanout/' },
      to: { path: 'node_modules/@nats-io/' },
    },
    {
      name: 'clients-not-into-server',
      comment: 'The SDK, web app and load tool speak the protocol; they never import server code.',
      severity: 'error',
      from: { path: '^(packages/(sdk|web|protocol)|tools)/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'requests-not-into-conversations',
      comment:
        'domain/conversations places people and may open requests; domain/requests never imports domain/conversations (shared recorders live in domain/record.ts, access and audiences in domain/visibility).',
      severity: 'error',
      from: { path: '^packages/server/src/domain/requests/' },
      to: { path: '^packages/server/src/domain/conversations/' },
    },
    {
      name: 'visibility-is-the-base',
      comment:
        'domain/visibility decides who may see what and who receives a signal; every area uses it and it uses none of them, so the rules cannot depend on an action.',
      severity: 'error',
      from: { path: '^packages/server/src/domain/visibility/' },
      to: { path: '^packages/server/src/domain/(?!visibility/|errors\\.ts|text\\.ts|deps\\.ts)' },
    },
    {
      name: 'no-circular',
      comment: 'No runtime import cycles (type-only cycles vanish at compile time and are allowed).',
      severity: 'error',
      from: { path: '^packages/server/src' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(/dist/|\\.test\\.tsx?$|/testing/|/e2e/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
