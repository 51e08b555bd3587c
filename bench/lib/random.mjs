/**
 * Create a seeded pseudo-random generator (mulberry32) returning floats in [0, 1), so that the
 * generated data sets are the same on every machine for the same seed.
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  return function nextRandom() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pick one item of `items` uniformly. */
export function pickOne(random, items) {
  return items[Math.floor(random() * items.length)];
}

/** Return a whole number in [min, max], both included. */
export function randomInt(random, min, max) {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * Build a picker over `[value, weight]` pairs that returns each value with a probability
 * proportional to its weight.
 */
export function createWeightedPicker(pairs) {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  return function pickWeighted(random) {
    let remaining = random() * total;
    for (const [value, weight] of pairs) {
      remaining -= weight;
      if (remaining < 0) {
        return value;
      }
    }
    return pairs[pairs.length - 1][0];
  };
}
