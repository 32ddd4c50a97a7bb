"""Cross-article stages, pure: entity resolution (``resolve``, ``names``), stories (``stories``) and
provenance (``provenance``).

They take records and return decisions; the SQLite side (the incremental update run inside each write, the
cross-article tables and reads) lives in ``dossier.store`` (``corpus``, ``corpus_schema``, ``corpus_queries``).
"""
