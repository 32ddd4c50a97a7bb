"""Per-article stages: layout, entities (with coreference), quotes, sources, timexes, events."""
