// The extension's modules form no import circle: each folder is one execution context, and a circle between
// two modules (image-jobs.js and trackers.js had one) makes their load order, and so their first use, fragile.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension');

/** Every relative static import of every .js file under `dir`, as absolute paths. */
export function importGraph(dir) {
  const graph = new Map();
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        const source = fs.readFileSync(file, 'utf8');
        const targets = [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) =>
          path.resolve(path.dirname(file), m[1]),
        );
        graph.set(file, targets);
      }
    }
  };
  walk(dir);
  return graph;
}

/** The first circle found, as a list of files, or null. */
export function findCycle(graph) {
  const state = new Map(); // 1: on the current path, 2: done
  const stack = [];
  const visit = (file) => {
    if (state.get(file) === 2) return null;
    if (state.get(file) === 1) return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 1);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 2);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

test('no two extension modules import each other, directly or through others', () => {
  const graph = importGraph(root);
  assert.ok(graph.size > 30, `only ${graph.size} modules found`);
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `import circle: ${cycle?.map((f) => path.relative(root, f)).join(' -> ')}`);
});

test('the circle finder finds a circle through three modules', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
  assert.equal(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    null,
  );
});
