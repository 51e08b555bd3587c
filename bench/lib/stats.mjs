/** Return the median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) {
    throw new Error("median() needs at least one value");
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) {
    return sorted[middle];
  }
  return (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Return the smallest and largest value, for showing the spread next to a median. */
export function range(values) {
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** Format a number with thousands separators and at most `digits` decimals. */
export function formatNumber(value, digits = 0) {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Format a ratio such as 0.873 as `0.87`. */
export function formatRatio(value) {
  return value.toFixed(2);
}
