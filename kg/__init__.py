"""diplokg: a knowledge graph of diplomatic relations built from news articles.

The data flows one way: ingest → extract → resolve → mapping (RDF) → store → query / viz.
Importing this package does nothing heavy: the NLP model and the stores load on first use.
"""

__version__ = "0.1.0"
