import { ApiError } from "../responses.js";

export interface Page {
  pageSize: number;
  pageNumber: number;
}

// NOTE: per-endpoint page size limits are not documented in the sources available; 500 is an assumption.
const MAX_PAGE_SIZE = 500;

function pageValue(name: string, raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === null || raw === "") {
    return fallback;
  }
  const value = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ApiError(400, "invalid.value", {
      value: String(raw),
      fieldType: name,
      allowableValues: `integers from 1 to ${max}`,
    });
  }
  return value;
}

/** Reads `pageSize` and `pageNumber` from a query string or a JSON body; pages count from 1. */
export function readPage(
  source: { pageSize?: unknown; pageNumber?: unknown },
  defaultSize = 25,
): Page {
  return {
    pageSize: pageValue("pageSize", source.pageSize, defaultSize, MAX_PAGE_SIZE),
    pageNumber: pageValue("pageNumber", source.pageNumber, 1, Number.MAX_SAFE_INTEGER),
  };
}

export function pageOf<T>(items: T[], page: Page): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

/**
 * Builds the fields of a Genesys `...EntityListing`: `entities`, `pageSize`, `pageNumber`, `total`,
 * `pageCount` and the `firstUri`/`selfUri`/`lastUri`/`nextUri`/`previousUri` links.
 */
export function entityListing<T>(
  items: T[],
  page: Page,
  path: string,
  query: Record<string, string>,
): Record<string, unknown> {
  const pageCount = Math.ceil(items.length / page.pageSize);
  const uri = (pageNumber: number) => {
    const search = new URLSearchParams({
      ...query,
      pageSize: String(page.pageSize),
      pageNumber: String(pageNumber),
    });
    return `${path}?${search.toString()}`;
  };
  const listing: Record<string, unknown> = {
    entities: pageOf(items, page),
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    total: items.length,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(page.pageNumber),
    lastUri: uri(Math.max(pageCount, 1)),
  };
  if (page.pageNumber < pageCount) {
    listing.nextUri = uri(page.pageNumber + 1);
  }
  if (page.pageNumber > 1) {
    listing.previousUri = uri(page.pageNumber - 1);
  }
  return listing;
}
