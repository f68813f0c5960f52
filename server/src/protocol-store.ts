/**
 * The aggregated store's part of Chainsight's protocol (protocol.ts re-exports it): the questions,
 * the overview, imports, and the team store's status and password.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Answer, DiffResult, ProjectResult, ProvenanceResult, VulnResult, WhoUsesResult } from './graph/answers';
import type { IngestFileResult } from './graph/ingest-files';

/** A question to the store: the same questions, arguments and answers as `chainsight query … --format json`. */
export type StoreQuestion =
  | { question: 'who-uses'; package: string; history?: boolean }
  | { question: 'vuln'; id: string; history?: boolean }
  | { question: 'project'; project: string; commit?: string }
  | { question: 'provenance'; missing?: boolean; invalid?: boolean }
  | { question: 'diff'; project: string; from: string; to: string };

/** `{ schemaVersion: 1, query, results }`, exactly as the CLI prints it (docs/cli.md). */
export type StoreAnswer = Answer<unknown, WhoUsesResult | VulnResult | ProjectResult | ProvenanceResult | DiffResult>;

export const storeQueryRequest = new RequestType<StoreQuestion, StoreAnswer, void>('chainsight/storeQuery');

/** One project of the store with its snapshots' open findings (the Supply Chain view and the report's store tab). */
export interface StoreProjectSummary {
  name: string;
  path: string;
  remote?: string;
  /** Whether the project is a folder of this workspace (its packages can be opened). */
  inWorkspace: boolean;
  packages: number;
  open: number;
  snapshots: number;
  latest?: { commit?: string; at: string };
  /** Oldest first: every recorded snapshot for the 8 projects with the most open findings (the chart's), else the latest alone. */
  history: Array<{ commit?: string; at: string; open: number }>;
}

export interface StoreOverview {
  projects: StoreProjectSummary[];
  /** Projects past the overview's limit, left out (`chainsight store status` lists every one). */
  omittedProjects: number;
  documents: Array<{ kind: string; count: number }>;
}

export const storeOverviewRequest = new RequestType0<StoreOverview, void>('chainsight/storeOverview');

/** Files (or folders) the user picked: ingested only on this explicit request, never found on their own. */
export interface StoreImportParams {
  paths: string[];
}

export interface StoreImportResult {
  results: IngestFileResult[];
}

export const storeImportRequest = new RequestType<StoreImportParams, StoreImportResult, void>('chainsight/storeImport');

/** Where a package of a workspace project is declared, for the Supply Chain view's "open". */
export interface StoreLocateParams {
  /** The project's folder, as the overview gives it. */
  path: string;
  name: string;
  version?: string;
}

export interface StoreLocation {
  uri: string;
  /** 0-based. */
  line: number;
  character: number;
}

export const storeLocateRequest = new RequestType<StoreLocateParams, StoreLocation | null, void>('chainsight/storeLocate');

export interface StoreChangedParams {
  reason: 'recorded' | 'imported';
  /** Recorded: the projects written. */
  projects?: string[];
}

/** The store changed (a workspace folder was recorded, documents imported): views refresh. */
export const storeChangedNotification = new NotificationType<StoreChangedParams>('chainsight/storeChanged');

// ---- the team store on PostgreSQL (docs/team.md) -----------------------------------------------

export interface TeamStoreStatus {
  /** The URL with any password redacted. */
  location: string;
  /** Why it does not answer (the embedded store then does, for vulnerability data and questions alike). */
  error?: string;
}

export interface StorePasswordParams {
  /** The team store's URL with any password redacted: the key the client keeps the password under. */
  location: string;
}

/**
 * Server to client, before each connection to the team store, when the client said
 * `clientStoresPasswords`: the password from its secret storage, or null (then PGPASSWORD or ~/.pgpass).
 */
export const storePasswordRequest = new RequestType<StorePasswordParams, { password?: string } | null, void>('chainsight/storePassword');

/** Client to server: the user set or cleared a password; the next use of the team store connects again. */
export const didChangeStorePassword = new NotificationType<StorePasswordParams>('chainsight/didChangeStorePassword');
