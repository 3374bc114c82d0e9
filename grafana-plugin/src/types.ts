/** How rows are ordered. */
export type RowSort = 'name' | 'worst';

/** The panel's options, as the options builder in module.ts defines them. */
export interface SkewMapOptions {
  /** Labels whose values make a row, comma-separated (`region` or `region, workload`). */
  rowLabels: string;
  /** The label whose values stack inside a cell (`releases_behind`). */
  categoryLabel: string;
  /** The refId of the query that gives the counts; empty means the first query. */
  skewQuery: string;
  sortBy: RowSort;
  /** Height of one row in CSS pixels; rows scroll when they do not fit. */
  rowHeight: number;
  /** Width of the row-label column in CSS pixels. */
  labelWidth: number;
  /** Narrowest cell in CSS pixels: buckets merge (worst state wins) below it. */
  minCellWidth: number;
  /** Dashboard variable set to the row's value on click; empty turns drill-down off. */
  variable: string;
}

/** The defaults the options builder declares. */
export const DEFAULT_OPTIONS: SkewMapOptions = {
  rowLabels: 'region',
  categoryLabel: 'releases_behind',
  skewQuery: '',
  sortBy: 'worst',
  rowHeight: 24,
  labelWidth: 120,
  minCellWidth: 4,
  variable: 'region',
};
