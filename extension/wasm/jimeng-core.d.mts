// Types for the generated glue that scripts/assemble.mjs places at dist/wasm/jimeng-core.mjs; the surface is
// declared once, in wasm/jimeng-core.d.ts. Only the type checker reads this folder.
export * from '../../wasm/jimeng-core';
export { default } from '../../wasm/jimeng-core';
