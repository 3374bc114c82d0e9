/** PromQL shared by the Prometheus tests. */

/** The labels of one digest mismatch ratio series, as the exporter sets them. */
export const BY_CONTAINER = 'region, namespace, workload, container';

/** The exported ratio, keyed like RECOMPUTED_RATIO (job and instance dropped). */
export const EXPORTED_RATIO = `sum by (${BY_CONTAINER}) (realitycheck_digest_mismatch_ratio)`;

/**
 * The digest mismatch ratio rebuilt from realitycheck_instances alone, as
 * a sum across regions would: mismatched (neither on the intended release
 * nor pending or unknown) over compared (neither pending nor unknown). A
 * container with nothing mismatched has no numerator series, hence `or ... * 0`.
 */
export const RECOMPUTED_RATIO = `
  (
    sum by (${BY_CONTAINER}) (realitycheck_instances{releases_behind!~"0|pending|unknown"})
    or sum by (${BY_CONTAINER}) (realitycheck_instances{releases_behind!~"pending|unknown"}) * 0
  )
  / sum by (${BY_CONTAINER}) (realitycheck_instances{releases_behind!~"pending|unknown"})`;
