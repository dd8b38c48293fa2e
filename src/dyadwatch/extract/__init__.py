"""Extraction stages. Each module exposes one stage function ``(Analysis, Doc) -> Analysis``.

Stages never import each other: they meet through the records in ``Analysis`` (for example the
quote stage reads ``analysis.actors`` written by the actor stage). Data they need (dictionaries,
cue lists, ontology tables) comes from ``dyadwatch.ontology`` loaders, cached per process.
"""
