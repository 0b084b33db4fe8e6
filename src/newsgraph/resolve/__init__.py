"""Resolve: one actor per real-world entity, within a document (the analysis) and across
documents (linking)."""
