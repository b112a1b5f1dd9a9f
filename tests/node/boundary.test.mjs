// The module's real surface against the one wasm/jimeng-core.d.ts declares: the same exported names, each
// accepting exactly the argument counts the d.ts allows (from its required parameters up to all of them),
// and every export answering, without throwing, when called with the fewest arguments the d.ts allows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { rawModule } from './core-module.mjs';
import { CORE_INPUT_LIMIT_BYTES, wrapCore } from '../../extension/shared/core.js';

const dtsPath = path.resolve(import.meta.dirname, '../../wasm/jimeng-core.d.ts');

/** The method names of one interface of the d.ts. */
function interfaceMembers(name) {
  const source = ts.createSourceFile(dtsPath, fs.readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  assert.ok(found, `the d.ts declares ${name}`);
  return /** @type {any} */ (found).members.map((m) => m.name.getText());
}

/** name → {min, max} argument counts, read from `interface JimengCoreModule` in the d.ts. */
function declaredSurface() {
  const source = ts.createSourceFile(dtsPath, fs.readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true);
  const module = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'JimengCoreModule');
  assert.ok(module, 'the d.ts declares JimengCoreModule');
  const surface = {};
  for (const member of /** @type {any} */ (module).members) {
    assert.ok(ts.isMethodSignature(member), `${member.name?.getText()} is declared as a method`);
    const params = member.parameters;
    surface[member.name.getText()] = {
      min: params.filter((p) => !p.questionToken && !p.initializer).length,
      max: params.length,
      types: params.map((p) => p.type?.getText() ?? 'any'),
    };
  }
  return surface;
}

/** name → the argument counts Embind accepts (an overloaded export keeps a table keyed by count). */
function moduleSurface(mod) {
  const surface = {};
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function') continue;
    if (fn.overloadTable)
      surface[name] = Object.keys(fn.overloadTable)
        .filter((k) => /^\d+$/.test(k))
        .map(Number)
        .sort((a, b) => a - b);
    else if (typeof fn.argCount === 'number') surface[name] = [fn.argCount];
  }
  return surface;
}

/** A plausible value of a declared parameter type, for calling every export. */
const sampleOf = (type) => (type === 'number' ? 0 : type === 'Body' ? '{}' : '');

test('the module exports exactly the functions the d.ts declares, with the declared argument counts', async () => {
  const declared = declaredSurface();
  const actual = moduleSurface(await rawModule());
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(declared).sort());
  for (const [name, { min, max }] of Object.entries(declared)) {
    const counts = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    assert.deepEqual(actual[name], counts, `${name} accepts ${counts.join(' or ')} arguments`);
  }
});

test('every export answers when called with the fewest arguments the d.ts allows', async () => {
  const mod = await rawModule();
  for (const [name, { min, types }] of Object.entries(declaredSurface())) {
    const args = types.slice(0, min).map(sampleOf);
    let answer;
    assert.doesNotThrow(() => {
      answer = mod[name](...args);
    }, `${name}(${args.length} arguments) does not throw`);
    if (typeof answer === 'string' && answer.startsWith('{')) {
      const envelope = JSON.parse(answer);
      assert.equal(typeof envelope.ok, 'boolean', `${name} answers an envelope`);
      if (!envelope.ok) assert.equal(typeof envelope.error.kind, 'string', `${name} explains its refusal`);
    } else {
      assert.ok(typeof answer === 'string' || answer instanceof Uint8Array, `${name} answers text or a view`);
    }
  }
});

test('a context given as an object counts like its JSON text', async () => {
  const mod = await rawModule();
  const body = JSON.stringify({ ret: '0', errmsg: 'success', systime: '1771893831', data: {} });
  const context = { submitIds: ['11111111-2222-4333-8444-555555555555'] };
  const asText = JSON.parse(mod.parseHistory(body, JSON.stringify(context)));
  const asObject = JSON.parse(mod.parseHistory(body, context));
  assert.equal(asText.ok, true);
  assert.deepEqual(asObject, asText);
  assert.equal(asObject.tasks[context.submitIds[0]].missing, true);
});

test('the limits the d.ts states are the ones the module applies', async () => {
  const mod = await rawModule();
  const dts = fs.readFileSync(dtsPath, 'utf8');
  const overBuilder = JSON.stringify({ now: 1, pad: 'x'.repeat((1 << 20) + 1) });
  assert.equal(JSON.parse(mod.buildCredit(overBuilder)).error.code, 'input_too_large');
  assert.match(
    dts,
    /builders and planDownloads refuse input JSON over 1 MiB \(invalid_input, code "input_too_large"\)/,
  );
  assert.equal(CORE_INPUT_LIMIT_BYTES, 1 << 20, 'the views refuse files over the limit the core applies');
  const overParser = new Uint8Array((64 << 20) + 1).fill(32);
  assert.equal(JSON.parse(mod.parseCredit(overParser)).error.code, 'body_too_large');
  assert.match(dts, /parsers refuse a body over 64 MiB \(malformed_response, code "body_too_large"\)/);
});

test("the wrapped API every caller uses has exactly the functions the d.ts's JimengCore declares", async () => {
  const wrapped = wrapCore(await rawModule());
  const declared = interfaceMembers('JimengCore');
  assert.ok(declared.length >= 25, `JimengCore declares ${declared.length} functions`);
  assert.deepEqual(Object.keys(wrapped).sort(), [...declared].sort());
  for (const name of declared) assert.equal(typeof wrapped[name], 'function', name);
  // Every wrapped function reaches a raw export of the same name, but for the ones the wrapper adds nothing to.
  const raw = Object.keys(await rawModule());
  for (const name of declared) assert.ok(raw.includes(name), `${name} is a module export`);
});
