"""Cross-article stages: entity resolution, stories, provenance — and their SQLite layer.

``resolve``, ``stories``, ``provenance``, ``lineage`` (quote groups) and ``figures`` (numbers, figures in
conflict) are pure; ``update.update_corpus`` places new articles inside the store's write transaction (quote
lineage through ``lineage_db``); ``queries`` answers the cross-article reads.
"""
