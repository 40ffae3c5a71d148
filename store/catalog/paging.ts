// Keyset paging, shared by every paged list of the catalog (volumes, sweeps, products).

export interface PageArgs {
  /** Page size, 0–10000 (BAD_INPUT outside); the server caps it lower. */
  first: number;
  /** Opaque cursor of the last row of the previous page. */
  after?: string | null;
}

export interface Page<T> {
  rows: T[];
  /** Cursor of rows[i] (RangeError outside the page), encoded on demand. */
  cursorAt(i: number): string;
  totalCount: number;
  hasNextPage: boolean;
}

export type SortOrder = 'ASC' | 'DESC';
