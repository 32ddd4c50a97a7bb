"""Cross-article stages: entity resolution, stories, provenance — and their SQLite layer.

``resolve``, ``stories`` and ``provenance`` are pure; ``update.update_corpus`` places new
articles inside the store's write transaction; ``queries`` answers the cross-article reads.
"""
