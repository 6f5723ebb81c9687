"""Curation: the registry of record kinds (kinds.py), their canonical form, the writers that store them, the edits
the API makes (with revisions and checks), revision histories, and the seeds loader and dumper."""
