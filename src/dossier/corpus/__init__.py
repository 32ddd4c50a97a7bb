"""Cross-article stages, pure: entity resolution (``resolve``, ``names``), stories (``stories``), provenance
(``provenance``), quote lineage (``lineage``: quote groups and how each copy relates to the first), figures
(``figures``: numbers normalised, figures in conflict) and one event across articles (``events``).

They take records and return decisions; the SQLite side (the incremental update run inside each write, the
cross-article tables and reads) lives in ``dossier.store`` (``corpus``, ``corpus_schema``, ``corpus_queries``,
``lineage``, ``event_sql``).
"""
