/**
 * The projection of configuration that the config, env, secret and flag
 * checks read: how each container gets its environment and files, the
 * ConfigMaps and Secrets of a region as content hashes and change times,
 * and what instances report about themselves.
 *
 * No value of an environment variable, a ConfigMap key or a Secret is ever
 * kept here: literal values become a keyed digest (see value-digest.ts) or a
 * boolean, object contents become hashes. That is what lets every later
 * stage (metrics, logs, the JSON view) stay free of secrets by construction.
 */

/** Where an environment variable's value comes from. */
export type EnvSource =
  | 'literal'
  | 'configMapKeyRef'
  | 'secretKeyRef'
  | 'fieldRef'
  | 'resourceFieldRef'
  /** A `valueFrom` of a kind this version does not know. */
  | 'other';

/** Why a literal variable looks like a credential. */
export type CredentialHint =
  /** Its name says so: PASSWORD, TOKEN, API_KEY, SECRET... */
  | 'name'
  /** Its value has the shape of a known token or key format. */
  | 'value'
  /** Its value is a URL with user information (`scheme://user:pass@host`). */
  | 'url-userinfo';

/** One `env` entry of a container. */
export interface EnvVarView {
  name: string;
  source: EnvSource;
  /** For configMapKeyRef and secretKeyRef: the object referred to, and for a ConfigMap its key. */
  ref?: { name: string; key: string; optional: boolean };
  /**
   * For a literal that does not look like a credential: the keyed digest of
   * its value, to compare with the intent's `env`. Never the value itself.
   */
  valueDigest?: string;
  /** For a literal: set when it looks like a credential, and why. */
  credential?: CredentialHint;
}

/** Kinds of object a container reads configuration from. */
export type ConfigObjectKind = 'ConfigMap' | 'Secret';

/** One `envFrom` entry: every key of a ConfigMap or Secret, optionally prefixed. */
export interface EnvFromView {
  kind: ConfigObjectKind;
  name: string;
  prefix?: string;
  optional: boolean;
}

/** A ConfigMap or Secret a container sees as files. */
export interface ConfigMountView {
  kind: ConfigObjectKind;
  name: string;
  /** The pod volume it comes from (a projected volume gives one entry per source). */
  volume: string;
  /**
   * True for a `subPath` mount: the kubelet never updates it, so the
   * process keeps the content it saw at start. A directory mount is
   * refreshed after a delay, and only the process knows whether it re-read it.
   */
  subPath: boolean;
  optional: boolean;
}

/** Where one container (of a pod, or of a workload's template) gets its configuration. */
export interface ContainerConfigView {
  env: EnvVarView[];
  envFrom: EnvFromView[];
  mounts: ConfigMountView[];
}

/** One content a ConfigMap or Secret had, and since when (from a watch). */
export interface ContentRevision {
  contentHash: string;
  /** Epoch milliseconds when this content was first seen. */
  from: number;
}

/** A ConfigMap, reduced to what it holds (as hashes) and when it last changed. */
export interface ConfigMapView {
  namespace: string;
  name: string;
  /** `sha256:` over the canonical data and binaryData; the unit of `realitycheck hash`. */
  contentHash: string;
  /** Keyed digests of each key's value, for env comparisons; never the values. */
  keyDigests: Record<string, string>;
  /**
   * When the content last changed: from the watch, or the newest
   * `managedFields[].time` of a snapshot; never creationTimestamp, which
   * says nothing about later edits. Absent when the source cannot tell.
   */
  changedAt?: number;
  /** Contents seen over time, oldest first, when a source tracked them. */
  history?: ContentRevision[];
}

/** A Secret: change time always, content only as an HMAC with the installation's key. */
export interface SecretView {
  namespace: string;
  name: string;
  /** `hmac-sha256:` over the canonical data; absent unless a key is configured. */
  contentHash?: string;
  changedAt?: number;
  history?: ContentRevision[];
}

/** What one instance said about itself when probed (the reported layer). */
export type InstanceReportView = {
  namespace: string;
  pod: string;
  /** When the probe finished, epoch milliseconds. */
  at: number;
} & (
  | {
      ok: true;
      version?: string;
      revision?: string;
      configHash?: string;
      /** Flag values as reported; flags are not secrets, but only names reach labels. */
      flags: Record<string, string | number | boolean>;
    }
  | {
      ok: false;
      /** Why the probe failed, for people: timeout, HTTP 503, unreadable body. */
      error: string;
    }
);
