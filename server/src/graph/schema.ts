import type { SqlDialect } from './sql/executor';

/**
 * The aggregated metadata graph, version 1 (store schema step 4). Mirrors GUAC's ontology
 * (docs/store.md has the mapping): nodes are packages, sources, artifacts, builders and
 * vulnerabilities; every fact row names its origin (`g_origin`: an ingested document or a recorded
 * scan snapshot), so forgetting an origin removes exactly what it taught.
 *
 * Shipped as one migration step: never edit it once released; add a step instead.
 *
 * Size matters most for `g_dep` (1,000 snapshots of 1,000 packages is a million rows): integer ids
 * only, keyed by its primary key with no rowid, empty text where nothing was declared.
 */
export function graphSchema(d: SqlDialect): string[] {
  const keyed = d.keyedTable;
  return [
    // ---- origins and projects ---------------------------------------------------------------------
    `CREATE TABLE g_project (
      id ${d.autoId},
      name TEXT NOT NULL UNIQUE,
      path TEXT NOT NULL DEFAULT '',
      remote TEXT NOT NULL DEFAULT '',
      latest INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE g_origin (
      id ${d.autoId},
      kind TEXT NOT NULL,
      learned_at BIGINT NOT NULL,
      digest TEXT UNIQUE,
      file_name TEXT NOT NULL DEFAULT '',
      format TEXT NOT NULL DEFAULT '',
      doc_kind TEXT NOT NULL DEFAULT '',
      spec_version TEXT NOT NULL DEFAULT '',
      doc_id TEXT NOT NULL DEFAULT '',
      issued_at TEXT NOT NULL DEFAULT '',
      author TEXT NOT NULL DEFAULT '',
      project INTEGER,
      commit_sha TEXT,
      ref TEXT NOT NULL DEFAULT '',
      root TEXT NOT NULL DEFAULT '',
      data_source TEXT NOT NULL DEFAULT '',
      data_time BIGINT NOT NULL DEFAULT 0,
      tool TEXT NOT NULL DEFAULT '',
      subject_name TEXT NOT NULL DEFAULT '',
      subject_version TEXT NOT NULL DEFAULT '',
      subject_pkg INTEGER NOT NULL DEFAULT 0,
      subject_artifact INTEGER NOT NULL DEFAULT 0,
      verification TEXT NOT NULL DEFAULT '',
      verification_reason TEXT NOT NULL DEFAULT '',
      signer TEXT NOT NULL DEFAULT '',
      UNIQUE (project, commit_sha)
    )`,
    // ---- nodes -------------------------------------------------------------------------------------
    // purl: canonical, with version; base: versionless and folded as the ecosystem compares names;
    // name_key: the bare name as users type it (`@babel/core`, `django`, `org.apache:commons-text`).
    `CREATE TABLE g_package (
      id ${d.autoId},
      purl TEXT NOT NULL UNIQUE,
      base TEXT NOT NULL,
      name_key TEXT NOT NULL,
      version TEXT NOT NULL
    )`,
    'CREATE INDEX IF NOT EXISTS g_package_by_base ON g_package (base, version)',
    'CREATE INDEX IF NOT EXISTS g_package_by_name ON g_package (name_key)',
    // key: `type|namespace|name|tag|commit`
    `CREATE TABLE g_source (
      id ${d.autoId},
      key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      namespace TEXT NOT NULL,
      name TEXT NOT NULL,
      tag TEXT NOT NULL,
      commit_sha TEXT NOT NULL
    )`,
    // key: `algorithm:digest`, lower case (GUAC's algorithm and digest, split at the first colon)
    `CREATE TABLE g_artifact (id ${d.autoId}, key TEXT NOT NULL UNIQUE)`,
    `CREATE TABLE g_builder (id ${d.autoId}, key TEXT NOT NULL UNIQUE)`,
    // key: the id upper-cased (ids compare case-insensitively); name: as first seen.
    `CREATE TABLE g_vuln (
      id ${d.autoId},
      key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      summary TEXT NOT NULL DEFAULT ''
    )`,
    // ---- evidence ----------------------------------------------------------------------------------
    // isDependency: `pkg` is in the origin's subject; parent 0 is the subject itself, otherwise a
    // package that is itself a `pkg` of the same origin. rel: 0 unknown, 1 direct, 2 indirect.
    // Keyed by package first: "who uses X" and dependency paths read one key range each.
    `CREATE TABLE g_dep (
      pkg INTEGER NOT NULL,
      origin INTEGER NOT NULL,
      parent INTEGER NOT NULL,
      rel INTEGER NOT NULL,
      scope TEXT NOT NULL,
      declared TEXT NOT NULL,
      PRIMARY KEY (pkg, origin, parent)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_dep_by_origin ON g_dep (origin)',
    // isOccurrence: a package (src 0) or a source (pkg 0) is this artifact.
    `CREATE TABLE g_occurrence (
      origin INTEGER NOT NULL,
      artifact INTEGER NOT NULL,
      pkg INTEGER NOT NULL,
      src INTEGER NOT NULL,
      PRIMARY KEY (origin, artifact, pkg, src)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_occurrence_by_artifact ON g_occurrence (artifact)',
    'CREATE INDEX IF NOT EXISTS g_occurrence_by_pkg ON g_occurrence (pkg)',
    // Scans never name sources here: index only the rows that do.
    'CREATE INDEX IF NOT EXISTS g_occurrence_by_src ON g_occurrence (src) WHERE src <> 0',
    `CREATE TABLE g_source_at (
      origin INTEGER NOT NULL,
      pkg INTEGER NOT NULL,
      src INTEGER NOT NULL,
      PRIMARY KEY (origin, pkg, src)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_source_at_by_pkg ON g_source_at (pkg)',
    'CREATE INDEX IF NOT EXISTS g_source_at_by_src ON g_source_at (src)',
    // hasSLSA: `artifact` was built from `source` (and the materials) by `builder`.
    `CREATE TABLE g_slsa (
      id ${d.autoId},
      origin INTEGER NOT NULL,
      artifact INTEGER NOT NULL,
      builder INTEGER NOT NULL,
      source INTEGER NOT NULL,
      build_type TEXT NOT NULL,
      slsa_version TEXT NOT NULL,
      invocation TEXT NOT NULL,
      started_on TEXT NOT NULL,
      finished_on TEXT NOT NULL,
      UNIQUE (origin, artifact)
    )`,
    'CREATE INDEX IF NOT EXISTS g_slsa_by_artifact ON g_slsa (artifact)',
    'CREATE INDEX IF NOT EXISTS g_slsa_by_builder ON g_slsa (builder)',
    'CREATE INDEX IF NOT EXISTS g_slsa_by_source ON g_slsa (source)',
    `CREATE TABLE g_slsa_material (
      slsa INTEGER NOT NULL,
      artifact INTEGER NOT NULL,
      uri TEXT NOT NULL,
      PRIMARY KEY (slsa, artifact)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_slsa_material_by_artifact ON g_slsa_material (artifact)',
    // certifyVuln: `pkg` is affected by `vuln`; the data source and time are the origin's.
    `CREATE TABLE g_cert_vuln (
      origin INTEGER NOT NULL,
      pkg INTEGER NOT NULL,
      vuln INTEGER NOT NULL,
      severity TEXT NOT NULL,
      fixed TEXT NOT NULL,
      PRIMARY KEY (origin, pkg, vuln)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_cert_vuln_by_vuln ON g_cert_vuln (vuln)',
    'CREATE INDEX IF NOT EXISTS g_cert_vuln_by_pkg ON g_cert_vuln (pkg)',
    // vulnEqual: two ids name the same issue (aliases).
    `CREATE TABLE g_vuln_equal (
      origin INTEGER NOT NULL,
      a INTEGER NOT NULL,
      b INTEGER NOT NULL,
      PRIMARY KEY (origin, a, b)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_vuln_equal_by_a ON g_vuln_equal (a)',
    'CREATE INDEX IF NOT EXISTS g_vuln_equal_by_b ON g_vuln_equal (b)',
    // certifyVEXStatement, one row per statement; its products in g_vex_scope.
    `CREATE TABLE g_vex (
      id ${d.autoId},
      origin INTEGER NOT NULL,
      vuln INTEGER NOT NULL,
      status TEXT NOT NULL,
      justification TEXT NOT NULL,
      impact TEXT NOT NULL,
      action TEXT NOT NULL,
      stated_at TEXT NOT NULL,
      source_status TEXT NOT NULL
    )`,
    'CREATE INDEX IF NOT EXISTS g_vex_by_vuln ON g_vex (vuln)',
    'CREATE INDEX IF NOT EXISTS g_vex_by_origin ON g_vex (origin)',
    // A product (package, artifact or other id) and optionally one subcomponent inside it.
    `CREATE TABLE g_vex_scope (
      vex INTEGER NOT NULL,
      n INTEGER NOT NULL,
      product_pkg INTEGER NOT NULL,
      product_artifact INTEGER NOT NULL,
      product_other TEXT NOT NULL,
      sub_pkg INTEGER NOT NULL,
      sub_artifact INTEGER NOT NULL,
      sub_other TEXT NOT NULL,
      PRIMARY KEY (vex, n)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_vex_scope_by_product ON g_vex_scope (product_pkg)',
    'CREATE INDEX IF NOT EXISTS g_vex_scope_by_sub ON g_vex_scope (sub_pkg)',
    'CREATE INDEX IF NOT EXISTS g_vex_scope_by_product_artifact ON g_vex_scope (product_artifact)',
    'CREATE INDEX IF NOT EXISTS g_vex_scope_by_sub_artifact ON g_vex_scope (sub_artifact)',
    // hasMetadata on a package version: signature and provenance verdicts.
    `CREATE TABLE g_meta (
      origin INTEGER NOT NULL,
      pkg INTEGER NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      reason TEXT NOT NULL,
      PRIMARY KEY (origin, pkg, key)
    )${keyed}`,
    'CREATE INDEX IF NOT EXISTS g_meta_by_pkg ON g_meta (pkg)',
    'CREATE INDEX IF NOT EXISTS g_origin_by_subject_pkg ON g_origin (subject_pkg)',
    'CREATE INDEX IF NOT EXISTS g_origin_by_subject_artifact ON g_origin (subject_artifact)',
  ];
}

/** Every fact table and the origin column it is keyed by (for forgetting an origin). */
export const FACT_TABLES = ['g_dep', 'g_occurrence', 'g_source_at', 'g_cert_vuln', 'g_vuln_equal', 'g_meta'] as const;
