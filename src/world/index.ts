/**
 * @module world
 * Loading and compiling worlds: `loadWorld` → `compileWorld` (and `compileKey` for keys held
 * elsewhere, such as the simulated backend's store).
 */
export { loadWorld, toWorld, type LoadWorldOptions } from './load.js';
export { compileWorld } from './compile.js';
export { compileKey, defaultKeyPolicy, parseKeyArn, type CompileKeyOptions } from './keys.js';
export { parsePrincipalArn } from './principals.js';
export type * from './types.js';
export type * from './compiled-types.js';
