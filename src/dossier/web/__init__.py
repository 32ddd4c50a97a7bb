"""The web shell: HTML pages and a JSON API over a read-only store (``dossier serve``)."""
