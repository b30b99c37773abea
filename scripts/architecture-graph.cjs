#!/usr/bin/env node
// `npm run docs:graph`: the picture of how the features and the core folders of src/ import each
// other, drawn from the code. dependency-cruiser (with the project's .dependency-cruiser.cjs) cruises
// src/ collapsed to one node per feature folder and per core folder; this script then folds that
// graph further so it stays readable and writes
//   docs/architecture.mmd   Mermaid (also copied into README.md between the architecture-graph markers)
//   docs/architecture.svg   Graphviz `dot -Tsvg` (Debian: apt-get install graphviz)
// Folding: src/main.ts + src/wiring.ts are one "composition root" node, src/config*.ts one "config"
// node; the core folders (nearly) every feature imports are one group reached by a single edge
// (a feature that does not import one is named on it); the
// composition root's edges (it imports every part) are one edge to each group. Every other edge
// is drawn as it is in the code.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = { mmd: path.join(root, 'docs/architecture.mmd'), svg: path.join(root, 'docs/architecture.svg'), readme: path.join(root, 'README.md') };
const MARK_START = '<!-- architecture-graph:start -->';
const MARK_END = '<!-- architecture-graph:end -->';

function cruise() {
  const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [bin, 'src', '--config', '.dependency-cruiser.cjs', '--include-only', '^src/', '--collapse', '^src/(features/[^/]+|[^/]+)', '--output-type', 'json'];
  const json = execFileSync(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(json).modules;
}

/** src/features/rounds → rounds (feature); src/main.ts → root; src/config-schema.ts → config; src/store → store. */
function nodeOf(source) {
  // The feature contract every feature plugs in with is core, not a feature.
  if (source === 'src/features/feature.ts') return { id: 'feature contract', feature: false };
  const m = /^src\/features\/([^/.]+)(?:\/|$)/.exec(source);
  if (m) return { id: m[1], feature: true };
  if (/^src\/(main|wiring|wiring-core)\.ts$/.test(source)) return { id: 'root', feature: false };
  if (/^src\/config(-[^/]+)?\.ts$/.test(source)) return { id: 'config', feature: false };
  return { id: source.replace(/^src\//, '').replace(/\.ts$/, ''), feature: false };
}

function buildGraph(modules) {
  const features = new Set();
  const core = new Set();
  const edges = new Set();
  for (const m of modules) {
    const from = nodeOf(m.source);
    (from.feature ? features : core).add(from.id);
    for (const d of m.dependencies) {
      const to = nodeOf(d.resolved);
      (to.feature ? features : core).add(to.id);
      if (from.id !== to.id) edges.add(`${from.id}\t${to.id}`);
    }
  }
  core.delete('root');
  const pairs = [...edges].map((e) => e.split('\t'));
  const featureList = [...features].sort();
  // Core folders that (nearly) every feature imports: one group, one edge; the features that do not
  // import one are named on its node.
  const importers = (c) => featureList.filter((f) => edges.has(`${f}\t${c}`));
  const shared = [...core].filter((c) => importers(c).length >= featureList.length * 0.75).sort();
  const missing = Object.fromEntries(shared.map((c) => [c, featureList.filter((f) => !importers(c).includes(f))]));
  const rest = [...core].filter((c) => !shared.includes(c)).sort();
  const drawn = pairs.sort((a, b) => (a.join() < b.join() ? -1 : 1)).filter(([from, to]) => from !== 'root' && !(features.has(from) && shared.includes(to)));
  return { features: featureList, shared, missing, rest, edges: drawn };
}

const LABEL = { root: 'composition root\\nmain.ts + wiring.ts' };

function mermaid(g) {
  const id = (n) => `n_${n.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = ['flowchart TB', `  ${id('root')}["composition root<br/>main.ts + wiring.ts"]`, '  subgraph features["src/features"]', '    direction LR'];
  for (const f of g.features) lines.push(`    ${id(f)}["${f}"]`);
  lines.push('  end', '  subgraph core["core (src/)"]');
  for (const c of g.rest) lines.push(`    ${id(c)}["${c}"]`);
  lines.push('    subgraph shared["imported by every feature (but those named)"]');
  for (const c of g.shared) lines.push(`      ${id(c)}["${c}${g.missing[c].length ? `<br/>not ${g.missing[c].join(', ')}` : ''}"]`);
  lines.push('    end', '  end');
  lines.push(`  ${id('root')} -->|creates and connects| features`, `  ${id('root')} --> core`, '  features --> shared');
  for (const [from, to] of g.edges) lines.push(`  ${id(from)} --> ${id(to)}`);
  return `${lines.join('\n')}\n`;
}

function dot(g) {
  const q = (s) => `"${s}"`;
  const lines = [
    'digraph anshin {',
    '  graph [rankdir=TB, compound=true, newrank=true, fontname="Helvetica", fontsize=11, nodesep=0.2, ranksep=0.6, labeljust=l];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11, height=0.3];',
    '  edge [color="#00000055", arrowsize=0.6, fontname="Helvetica"];',
    `  root [label=${q(LABEL.root)}, fillcolor="#dde8ff"];`,
    '  subgraph cluster_features { label="src/features"; style="rounded"; color="#3366aa"; fillcolor="#f3f7ff"; style="rounded,filled";',
  ];
  for (const f of g.features) lines.push(`    ${q('f:' + f)} [label=${q(f)}, fillcolor="#ffffcc"];`);
  lines.push(`    { rank=same; ${g.features.map((f) => q('f:' + f)).join('; ')} }`, '  }');
  for (const c of g.rest) lines.push(`  ${q('c:' + c)} [label=${q(c)}];`);
  lines.push('  subgraph cluster_shared { label="imported by every feature (but those named)"; style="rounded,dashed"; color="#777777";');
  for (const c of g.shared) {
    const label = g.missing[c].length ? `<${c}<BR/><FONT POINT-SIZE="8">not ${g.missing[c].join(', ')}</FONT>>` : q(c);
    lines.push(`    ${q('c:' + c)} [label=${label}];`);
  }
  lines.push('  }');
  const node = (n) => q((g.features.includes(n) ? 'f:' : 'c:') + n);
  const midFeature = g.features[Math.floor(g.features.length / 2)];
  lines.push(
    `  root -> ${node(midFeature)} [lhead=cluster_features, label="creates and\\nconnects", fontsize=9, penwidth=2, color="#3366aa"];`,
  );
  if (g.shared.length) lines.push(`  ${node(midFeature)} -> ${node(g.shared[0])} [ltail=cluster_features, lhead=cluster_shared, penwidth=2, color="#00000088"];`);
  for (const [from, to] of g.edges) {
    const both = g.features.includes(from) && g.features.includes(to);
    lines.push(`  ${node(from)} -> ${node(to)}${both ? ' [penwidth=2.5, color="#cc3300"]' : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function updateReadme(mmd) {
  const text = fs.readFileSync(out.readme, 'utf8');
  const a = text.indexOf(MARK_START);
  const b = text.indexOf(MARK_END);
  if (a < 0 || b < a) {
    console.error(`docs:graph: README.md has no ${MARK_START} … ${MARK_END} block; left it as it is`);
    return;
  }
  const block = `${MARK_START}\n\`\`\`mermaid\n${mmd}\`\`\`\n`;
  fs.writeFileSync(out.readme, text.slice(0, a) + block + text.slice(b));
}

function main() {
  const g = buildGraph(cruise());
  const mmd = mermaid(g);
  fs.writeFileSync(out.mmd, mmd);
  updateReadme(mmd);
  const run = spawnSync('dot', ['-Tsvg'], { input: dot(g), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error && run.error.code === 'ENOENT') {
    console.error('docs:graph: Graphviz `dot` is not installed (Debian: apt-get install graphviz); wrote docs/architecture.mmd and the README block, not docs/architecture.svg');
    process.exit(1);
  }
  if (run.error || run.status !== 0) {
    console.error(`docs:graph: dot failed: ${run.error ? run.error.message : run.stderr.trim()}`);
    process.exit(1);
  }
  fs.writeFileSync(out.svg, run.stdout);
  console.log(`docs:graph: ${g.features.length} features, ${g.shared.length + g.rest.length} core nodes, ${g.edges.length} edges → docs/architecture.svg, docs/architecture.mmd, README.md`);
}

main();
