"""The spaCy parse every later stage reads: the pinned model, loaded once per process."""

from eventwire.annotate.parse.attribute_ruler import IndexedAttributeRuler, index_attribute_ruler
from eventwire.annotate.parse.nlp import load_nlp, model_name, model_version, require_model

__all__ = ["IndexedAttributeRuler", "index_attribute_ruler", "load_nlp", "model_name", "model_version", "require_model"]
