"""Rule tables of the time-expression finder, one module per family of expressions."""
