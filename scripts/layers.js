// The one-way layers of src/ (style.md convention 1), as data shared by eslint.config.js and
// test/architecture.test.ts. A directory may import only from directories of a lower rank;
// directories of equal rank are siblings and may not import each other.
export const LAYERS = {
  model: 0,
  catalogue: 1,
  source: 2,
  parse: 3,
  sources: 4,
  compile: 5,
  world: 6,
  evaluate: 7,
  authorize: 8,
  explain: 9,
  lint: 9,
  backend: 9,
  render: 10,
  server: 10,
  cli: 11,
};

/** For each layer: the layers it must not import. */
export const LAYER_RULES = Object.entries(LAYERS).map(([dir, rank]) => ({
  dir,
  forbidden: Object.entries(LAYERS)
    .filter(([other, r]) => other !== dir && r >= rank)
    .map(([other]) => other),
}));
